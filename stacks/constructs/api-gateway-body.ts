import type { OpenAPIV3 } from 'openapi-types';
import { listOperations, resolveRef, type ApiDocument } from '../../openapi/document';

/**
 * Turns the OpenAPI definition into the body API Gateway imports: each operation
 * gets its Lambda proxy integration, and shared parameters and responses are
 * written out in place (API Gateway's importer only follows `$ref`s to schemas).
 */
export function apiGatewayBody(document: ApiDocument, invokeArnOf: (operationId: string) => string): ApiDocument {
  const body = structuredClone(document);
  for (const { operation } of listOperations(body)) {
    const operationId = operation.operationId;
    if (!operationId) throw new Error('Every operation needs an operationId');
    operation.parameters = operation.parameters?.map((parameter) =>
      resolveRef<OpenAPIV3.ParameterObject>(document, parameter),
    );
    for (const [status, response] of Object.entries(operation.responses)) {
      operation.responses[status] = resolveRef<OpenAPIV3.ResponseObject>(document, response);
    }
    Object.assign(operation, {
      'x-amazon-apigateway-integration': {
        type: 'aws_proxy',
        httpMethod: 'POST',
        uri: invokeArnOf(operationId),
        passthroughBehavior: 'when_no_match',
      },
    });
  }
  if (body.components) {
    delete body.components.parameters;
    delete body.components.responses;
  }
  return body;
}
