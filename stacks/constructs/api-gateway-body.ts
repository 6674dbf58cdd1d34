import type { OpenAPIV3 } from 'openapi-types';
import { httpMethodKeys, listOperations, resolveRef, type ApiDocument } from '../../openapi/document';
import { corsAnswerHeaders, corsPreflightHeaders } from '../../platform/cors';

/**
 * Turns the OpenAPI definition into the body API Gateway imports: each operation
 * gets its Lambda proxy integration, and shared parameters and responses are
 * written out in place (API Gateway's importer only follows `$ref`s to schemas).
 * With a web origin, every path also gets its CORS preflight and API Gateway's
 * own refusals name the origin too (see platform/cors.ts).
 */
export function apiGatewayBody(document: ApiDocument, invokeArnOf: (operationId: string) => string, options: { webOrigin?: string } = {}): ApiDocument {
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
  if (options.webOrigin) addCors(body, options.webOrigin);
  return body;
}

/** `{ 'Access-Control-Allow-Origin': 'x' }` → `{ '<prefix>Access-Control-Allow-Origin': "'x'" }`: fixed values, as API Gateway maps them. */
const fixedHeaders = (prefix: string, headers: Record<string, string>) =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [`${prefix}${name}`, `'${value}'`]));

function addCors(body: ApiDocument, origin: string): void {
  for (const [path, item] of Object.entries(body.paths)) {
    if (!item) continue;
    const methods = httpMethodKeys.filter((key) => key !== 'options' && item[key] !== undefined);
    const headers = corsPreflightHeaders(origin, methods);
    // No authorization: a browser's preflight carries no credentials.
    item.options = Object.assign(
      {
        operationId: `preflight${path.replace(/[^A-Za-z0-9]+/g, '-')}`,
        summary: `CORS preflight of ${path}`,
        security: [],
        responses: {
          '200': {
            description: 'The methods and headers the web app may use',
            headers: Object.fromEntries(Object.keys(headers).map((name) => [name, { schema: { type: 'string' as const } }])),
          },
        },
      },
      {
        'x-amazon-apigateway-integration': {
          type: 'mock',
          requestTemplates: { 'application/json': '{"statusCode": 200}' },
          passthroughBehavior: 'when_no_match',
          responses: { default: { statusCode: '200', responseParameters: fixedHeaders('method.response.header.', headers) } },
        },
      },
    );
  }
  const refusals = fixedHeaders('gatewayresponse.header.', corsAnswerHeaders(origin));
  const extensions = body as ApiDocument & { 'x-amazon-apigateway-gateway-responses'?: Record<string, { responseParameters?: Record<string, string> }> };
  const gatewayResponses = (extensions['x-amazon-apigateway-gateway-responses'] ??= {});
  for (const type of ['DEFAULT_4XX', 'DEFAULT_5XX']) {
    const response = (gatewayResponses[type] ??= {});
    response.responseParameters = { ...response.responseParameters, ...refusals };
  }
}
