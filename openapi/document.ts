import type { OpenAPIV3 } from 'openapi-types';
import { parse } from 'yaml';

/**
 * Reading `api-definition.yaml`: parsing, walking its operations and resolving
 * local `$ref`s. Used by the stacks, the Lambdas and the offline runtime alike.
 */
export type ApiDocument = OpenAPIV3.Document;
export const httpMethodKeys = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const;
export type HttpMethodKey = (typeof httpMethodKeys)[number];

export interface ApiOperation {
  path: string;
  method: HttpMethodKey;
  operation: OpenAPIV3.OperationObject;
}

export function parseApiDefinition(text: string): ApiDocument {
  const document = parse(text) as ApiDocument;
  if (!document || typeof document !== 'object' || !document.openapi?.startsWith('3.0')) {
    throw new Error('The API definition is not an OpenAPI 3.0 document');
  }
  return document;
}

export function listOperations(document: ApiDocument): ApiOperation[] {
  const operations: ApiOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of httpMethodKeys) {
      const operation = item?.[method];
      if (operation) operations.push({ path, method, operation });
    }
  }
  return operations;
}

export function findOperation(document: ApiDocument, operationId: string): ApiOperation {
  const found = listOperations(document).find((entry) => entry.operation.operationId === operationId);
  if (!found) throw new Error(`The API definition has no operation ${operationId}`);
  return found;
}

/** Follows a local `#/components/...` reference (JSON pointer) to the object it names. */
export function resolveRef<T>(document: ApiDocument, value: T | OpenAPIV3.ReferenceObject): T {
  if (!value || typeof value !== 'object' || !('$ref' in value)) return value;
  const ref = value.$ref;
  if (!ref.startsWith('#/')) throw new Error(`Only local references are supported, not ${ref}`);
  let target: unknown = document;
  for (const segment of ref.slice(2).split('/')) {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    target = (target as Record<string, unknown> | undefined)?.[key];
  }
  if (target === undefined) throw new Error(`Unresolved reference ${ref}`);
  return resolveRef(document, target as T | OpenAPIV3.ReferenceObject);
}

/** An operation's parameters with references resolved. */
export function operationParameters(document: ApiDocument, operation: OpenAPIV3.OperationObject) {
  return (operation.parameters ?? []).map((parameter) => resolveRef<OpenAPIV3.ParameterObject>(document, parameter));
}

/** The JSON schema of an operation's `application/json` request body, if it has one. */
export function requestBodySchema(
  document: ApiDocument,
  operation: OpenAPIV3.OperationObject,
): OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject | undefined {
  if (!operation.requestBody) return undefined;
  const body = resolveRef<OpenAPIV3.RequestBodyObject>(document, operation.requestBody);
  return body.content['application/json']?.schema;
}
