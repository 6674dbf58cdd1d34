import { buildProxyEvent } from '../../../offline/api-gateway/proxy-event';
import { fromProxyResult } from '../../../offline/api-gateway/proxy-response';
import { parseQueryString } from '../../../offline/api-gateway/query-string';
import { findOperation } from '../../../openapi/document';
import { loadApiDefinition } from '../../../openapi/load';

describe('buildProxyEvent', () => {
  const event = buildProxyEvent({
    operation: findOperation(loadApiDefinition(), 'listShopOrders'),
    method: 'GET',
    stage: 'prod',
    stageVariables: {},
    path: '/shop/0001/orders',
    pathParameters: { id: '0001' },
    query: parseQueryString('limit=5&limit=6&nextToken=abc%3D'),
    headers: { host: 'localhost:4747', 'x-custom': ['a', 'b'] },
    body: Buffer.alloc(0),
    identity: { cognitoIdentityId: 'eu-central-1:abc' } as never,
    apiId: 'api123',
    accountId: '000000000000',
    requestId: 'req-1',
    now: new Date('2026-11-24T10:15:03Z'),
  });

  it('fills the REST proxy fields as API Gateway does', () => {
    expect(event).toMatchObject({
      resource: '/shop/{id}/orders',
      path: '/shop/0001/orders',
      httpMethod: 'GET',
      pathParameters: { id: '0001' },
      queryStringParameters: { limit: '6', nextToken: 'abc=' },
      multiValueQueryStringParameters: { limit: ['5', '6'], nextToken: ['abc='] },
      headers: { host: 'localhost:4747', 'x-custom': 'b' },
      multiValueHeaders: { 'x-custom': ['a', 'b'] },
      body: null,
      isBase64Encoded: false,
    });
    expect(event.requestContext).toMatchObject({
      accountId: '000000000000',
      apiId: 'api123',
      path: '/prod/shop/0001/orders',
      resourcePath: '/shop/{id}/orders',
      stage: 'prod',
      requestId: 'req-1',
      requestTime: '24/Nov/2026:10:15:03 +0000',
      identity: { cognitoIdentityId: 'eu-central-1:abc' },
    });
  });
});

describe('buildProxyEvent with query names that are Object.prototype members', () => {
  it('keeps __proto__ and constructor as own parameters, so the handler sees and refuses them', () => {
    const event = buildProxyEvent({
      operation: findOperation(loadApiDefinition(), 'getServiceStats'),
      method: 'GET',
      stage: 'prod',
      stageVariables: {},
      path: '/service-stats',
      pathParameters: {},
      query: parseQueryString('__proto__=x&constructor=y'),
      headers: { host: 'localhost:4747' },
      body: Buffer.alloc(0),
      identity: { cognitoIdentityId: 'eu-central-1:abc' } as never,
      apiId: 'api123',
      accountId: '000000000000',
      requestId: 'req-2',
      now: new Date('2026-11-24T10:15:03Z'),
    });
    expect(Object.entries(event.queryStringParameters ?? {})).toEqual([
      ['__proto__', 'x'],
      ['constructor', 'y'],
    ]);
    expect(Object.entries(event.multiValueQueryStringParameters ?? {})).toEqual([
      ['__proto__', ['x']],
      ['constructor', ['y']],
    ]);
    expect(Object.getPrototypeOf(event.multiValueQueryStringParameters)).toBe(Object.prototype);
  });
});

describe('fromProxyResult', () => {
  it('relays status, headers and body', () => {
    const response = fromProxyResult({
      statusCode: 201,
      headers: { 'Content-Type': 'application/json' },
      multiValueHeaders: { 'Set-Cookie': ['a', 'b'] },
      body: '{"orderId":"x"}',
    });
    expect(response).toEqual({
      status: 201,
      headers: { 'content-type': 'application/json', 'set-cookie': ['a', 'b'] },
      body: Buffer.from('{"orderId":"x"}'),
    });
  });

  it.each([[null], ['text'], [{}], [{ statusCode: '200' }], [{ statusCode: 99 }], [{ statusCode: 200, body: {} }], [{ statusCode: 200, headers: { a: {} } }]])(
    'rejects the malformed result %p',
    (result) => {
      expect(fromProxyResult(result)).toBeUndefined();
    },
  );
});
