import { readMethodSettings } from '../../../offline/api-gateway/method-settings';
import type { ApiDocument } from '../../../openapi/document';

/** Mock integrations: fixed answers are served as API Gateway would; anything computed is refused at start, by name. */
function documentWith(integration: Record<string, unknown>): ApiDocument {
  return {
    openapi: '3.0.3',
    info: { title: 'mock', version: '1' },
    paths: { '/things': { options: Object.assign({ security: [], responses: {} }, { 'x-amazon-apigateway-integration': integration }) } },
  } as ApiDocument;
}

const fixed = {
  type: 'mock',
  requestTemplates: { 'application/json': '{"statusCode": 204}' },
  responses: {
    '5\\d{2}': { statusCode: '500' },
    '2\\d{2}': { statusCode: '204', responseParameters: { 'method.response.header.X-Thing': "'yes'" } },
    default: { statusCode: '200' },
  },
};

describe('mock integrations', () => {
  it('answer with the response their request template selects, by pattern before default', () => {
    const [method] = readMethodSettings(documentWith(fixed), 'aws_api_gateway_rest_api.api');
    expect(method.authorization).toBe('NONE');
    expect(method.integration).toEqual({ kind: 'mock', status: 204, headers: { 'x-thing': 'yes' }, body: '' });
  });

  it.each([
    ['a computed request template', { ...fixed, requestTemplates: { 'application/json': '#set($s = 200){"statusCode": $s}' } }, /not a fixed \{"statusCode": N\}/],
    ['a header mapped from the request', { ...fixed, responses: { default: { statusCode: '200', responseParameters: { 'method.response.header.Access-Control-Allow-Origin': 'method.request.header.Origin' } } } }, /only fixed header values/],
    ['a computed body', { ...fixed, responses: { default: { statusCode: '200', responseTemplates: { 'application/json': '{"origin": "$input.params(\'Origin\')"}' } } } }, /computes its body \(VTL\)/],
    ['another integration type', { type: 'http_proxy', uri: 'https://example.com' }, /integration type http_proxy is not emulated offline; only aws_proxy and mock are/],
  ])('are refused at start with %s', (_, integration, message) => {
    expect(() => readMethodSettings(documentWith(integration), 'aws_api_gateway_rest_api.api')).toThrow(message);
  });
});
