import { functionArnOfInvokeUri } from '../aws/arns';
import { listOperations, resolveRef, type ApiDocument, type ApiOperation } from '../../openapi/document';
import { AssemblyError } from '../terraform/assembly-error';

/** What API Gateway made of one operation of the imported OpenAPI body. */
export interface MethodSettings {
  operation: ApiOperation;
  /** `AWS_IAM` for an operation secured by a SigV4 scheme; `NONE` when it names no security. */
  authorization: 'AWS_IAM' | 'NONE';
  integration: MethodIntegration;
  validateBody: boolean;
  validateParameters: boolean;
}

/** A Lambda proxy integration's function, or a mock integration's fixed answer. */
export type MethodIntegration =
  | { kind: 'lambda'; functionArn: string }
  | { kind: 'mock'; status: number; headers: Record<string, string>; body: string };

type Extensions = Record<string, unknown>;

function extensions(value: object): Extensions {
  return Object.fromEntries(Object.entries(value).filter(([key]) => key.startsWith('x-amazon-apigateway-')));
}

function authorizationOf(document: ApiDocument, operation: ApiOperation, where: string): MethodSettings['authorization'] {
  const requirements = operation.operation.security ?? document.security ?? [];
  if (requirements.length === 0 || requirements.every((requirement) => Object.keys(requirement).length === 0)) return 'NONE';
  if (requirements.length > 1 || Object.keys(requirements[0]).length > 1) {
    throw new AssemblyError(`${where}: alternative security requirements are not emulated offline`);
  }
  const [name] = Object.keys(requirements[0]);
  const schemeReference = document.components?.securitySchemes?.[name];
  if (!schemeReference) throw new AssemblyError(`${where}: the security scheme ${name} is not declared`);
  const scheme = resolveRef(document, schemeReference);
  if (extensions(scheme)['x-amazon-apigateway-authtype'] !== 'awsSigv4') {
    throw new AssemblyError(`${where}: the security scheme ${name} is not x-amazon-apigateway-authtype awsSigv4; only AWS_IAM and NONE are emulated offline`);
  }
  return 'AWS_IAM';
}

function validatorOf(document: ApiDocument, operation: ApiOperation, where: string): { validateBody: boolean; validateParameters: boolean } {
  const name = extensions(operation.operation)['x-amazon-apigateway-request-validator'] ?? extensions(document)['x-amazon-apigateway-request-validator'];
  if (name === undefined) return { validateBody: false, validateParameters: false };
  const validators = extensions(document)['x-amazon-apigateway-request-validators'];
  const validator = typeof name === 'string' && typeof validators === 'object' && validators !== null ? Object.entries(validators).find(([key]) => key === name)?.[1] : undefined;
  if (typeof validator !== 'object' || validator === null) throw new AssemblyError(`${where}: the request validator ${String(name)} is not declared`);
  const settings = Object.fromEntries(Object.entries(validator));
  return { validateBody: settings.validateRequestBody === true, validateParameters: settings.validateRequestParameters === true };
}

const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.fromEntries(Object.entries(value)) : undefined;

function integrationOf(operation: ApiOperation, where: string): MethodIntegration {
  const settings = record(extensions(operation.operation)['x-amazon-apigateway-integration']);
  if (!settings) throw new AssemblyError(`${where}: has no x-amazon-apigateway-integration`);
  if (settings.type === 'mock') return mockOf(settings, where);
  if (settings.type !== 'aws_proxy') throw new AssemblyError(`${where}: its integration type ${String(settings.type)} is not emulated offline; only aws_proxy and mock are`);
  const functionArn = typeof settings.uri === 'string' ? functionArnOfInvokeUri(settings.uri) : undefined;
  if (functionArn === undefined) throw new AssemblyError(`${where}: its integration uri ${String(settings.uri)} does not invoke a Lambda function`);
  return { kind: 'lambda', functionArn };
}

/**
 * A mock integration as far as fixed answers go (what a CORS preflight needs):
 * the request template names the status as `{"statusCode": N}`, the
 * integration response it selects (by its pattern, else `default`) maps fixed
 * header values and may carry a fixed body. Templates that compute anything
 * (VTL with `$` or `#`) are refused rather than answered wrongly.
 */
function mockOf(settings: Record<string, unknown>, where: string): MethodIntegration {
  const template = record(settings.requestTemplates)?.['application/json'];
  let statusCode: unknown;
  try {
    statusCode = typeof template === 'string' ? record(JSON.parse(template))?.statusCode : undefined;
  } catch {
    statusCode = undefined;
  }
  if (typeof statusCode !== 'number') {
    throw new AssemblyError(`${where}: its mock integration's application/json request template is not a fixed {"statusCode": N}, the only form emulated offline`);
  }
  const responses = Object.entries(record(settings.responses) ?? {});
  const selected =
    responses.find(([pattern]) => pattern !== 'default' && new RegExp(`^(?:${pattern})$`).test(String(statusCode))) ??
    responses.find(([pattern]) => pattern === 'default');
  const response = record(selected?.[1]);
  if (!response) throw new AssemblyError(`${where}: its mock integration has no response for status ${statusCode}`);
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(record(response.responseParameters) ?? {})) {
    const name = /^method\.response\.header\.(.+)$/.exec(key)?.[1];
    const literal = typeof value === 'string' ? /^'([^']*)'$/.exec(value)?.[1] : undefined;
    if (!name || literal === undefined) throw new AssemblyError(`${where}: its mock response maps ${key} from ${String(value)}; only fixed header values are emulated offline`);
    headers[name.toLowerCase()] = literal;
  }
  const body = record(response.responseTemplates)?.['application/json'] ?? '';
  if (typeof body !== 'string' || /[$#]/.test(body)) throw new AssemblyError(`${where}: its mock response template computes its body (VTL), which is not emulated offline`);
  return { kind: 'mock', status: Number(response.statusCode ?? 200), headers, body };
}

/** Every operation's settings, or the refusal naming the first the offline API Gateway cannot serve as AWS would. */
export function readMethodSettings(document: ApiDocument, apiAddress: string): MethodSettings[] {
  return listOperations(document).map((operation) => {
    const where = `${apiAddress} body: ${operation.method.toUpperCase()} ${operation.path}`;
    return {
      operation,
      authorization: authorizationOf(document, operation, where),
      integration: integrationOf(operation, where),
      ...validatorOf(document, operation, where),
    };
  });
}
