import { functionArnOfInvokeUri } from '../aws/arns';
import { listOperations, resolveRef, type ApiDocument, type ApiOperation } from '../../openapi/document';
import { AssemblyError } from '../terraform/assembly-error';

/** What API Gateway made of one operation of the imported OpenAPI body. */
export interface MethodSettings {
  operation: ApiOperation;
  /** `AWS_IAM` for an operation secured by a SigV4 scheme; `NONE` when it names no security. */
  authorization: 'AWS_IAM' | 'NONE';
  /** The function a Lambda proxy integration invokes. */
  functionArn: string;
  validateBody: boolean;
  validateParameters: boolean;
}

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

function functionOf(operation: ApiOperation, where: string): string {
  const integration = extensions(operation.operation)['x-amazon-apigateway-integration'];
  if (typeof integration !== 'object' || integration === null) throw new AssemblyError(`${where}: has no x-amazon-apigateway-integration`);
  const settings = Object.fromEntries(Object.entries(integration));
  if (settings.type !== 'aws_proxy') throw new AssemblyError(`${where}: its integration type ${String(settings.type)} is not emulated offline; only aws_proxy is`);
  const functionArn = typeof settings.uri === 'string' ? functionArnOfInvokeUri(settings.uri) : undefined;
  if (functionArn === undefined) throw new AssemblyError(`${where}: its integration uri ${String(settings.uri)} does not invoke a Lambda function`);
  return functionArn;
}

/** Every operation's settings, or the refusal naming the first the offline API Gateway cannot serve as AWS would. */
export function readMethodSettings(document: ApiDocument, apiAddress: string): MethodSettings[] {
  return listOperations(document).map((operation) => {
    const where = `${apiAddress} body: ${operation.method.toUpperCase()} ${operation.path}`;
    return {
      operation,
      authorization: authorizationOf(document, operation, where),
      functionArn: functionOf(operation, where),
      ...validatorOf(document, operation, where),
    };
  });
}
