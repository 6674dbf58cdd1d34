import type { APIGatewayProxyEvent } from 'aws-lambda';
import { LocalRestApi, type IntegrationResult, type LocalRestApiOptions } from '../../../offline/api-gateway/local-rest-api';
import type { BufferedRequest } from '../../../offline/http/buffered-request';
import { testDeployment } from '../../support/test-stacks';

/** The REST API, its stage and functions as the api stack deploys them. */
const deployment = testDeployment();
const restApi = deployment.restApis[0];
const functionName = (arn: string) => deployment.functions.find((fn) => fn.arn === arn)?.name;

const caller = {
  principalArn: 'arn:aws:sts::000000000000:assumed-role/guest-role/CognitoIdentityCredentials',
  principal: 'guest-session',
  identity: { cognitoIdentityId: 'eu-central-1:abc', cognitoAuthenticationType: 'unauthenticated' } as never,
};

function api(overrides: Partial<LocalRestApiOptions<string>> = {}) {
  const invoked: Array<{ functionName?: string; sourceArn: string; event: APIGatewayProxyEvent }> = [];
  const rest = new LocalRestApi({
    api: { ...restApi, id: 'api123' },
    stages: [{ address: 'stage', restApiId: 'api123', name: 'prod', variables: {}, throttles: { '*/*': { rateLimit: 1000, burstLimit: 1000 } } }],
    region: 'eu-central-1',
    accountId: '000000000000',
    isSigned: (request) => 'authorization' in request.headers,
    authenticate: async () => ({ ok: true, caller }),
    authorize: async (_caller, arn) => ({ allowed: arn.endsWith('/GET/products'), explicitDeny: false }),
    invoke: async (functionArn, sourceArn, event): Promise<IntegrationResult> => {
      invoked.push({ functionName: functionName(functionArn), sourceArn, event: event as APIGatewayProxyEvent });
      return { ok: true, result: { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: '{"ok":true}' } };
    },
    ...overrides,
  });
  return { rest, invoked };
}

const signed = (url: string, method = 'GET', body = ''): BufferedRequest => ({
  method,
  url,
  headers: { authorization: 'AWS4-HMAC-SHA256 ...', host: 'localhost:4747', 'content-type': 'application/json' },
  body: Buffer.from(body),
  remoteAddress: '127.0.0.1',
});
const json = (response: { body: Buffer }) => JSON.parse(response.body.toString('utf8'));

describe('LocalRestApi', () => {
  it("calls the integration's function with a proxy event carrying the caller identity", async () => {
    const { rest, invoked } = api();
    const response = await rest.handle(signed('/prod/products?shopId=0001&shopToken=K7QX4M2PZ9'));
    expect(response.status).toBe(200);
    expect(json(response)).toEqual({ ok: true });
    expect(invoked).toHaveLength(1);
    expect(invoked[0].functionName).toBe('shop-platform-list-products');
    expect(invoked[0].sourceArn).toBe('arn:aws:execute-api:eu-central-1:000000000000:api123/prod/GET/products');
    expect(invoked[0].event.requestContext.identity).toMatchObject({
      cognitoIdentityId: 'eu-central-1:abc',
      sourceIp: '127.0.0.1',
    });
  });

  it('answers unsigned calls, unknown routes and other stages with Missing Authentication Token', async () => {
    const { rest, invoked } = api();
    const unsigned = { ...signed('/prod/products?shopId=1&shopToken=2'), headers: { host: 'x' } };
    for (const request of [unsigned, signed('/prod/nowhere'), signed('/beta/products?shopId=1&shopToken=2'), signed('/prod/products', 'DELETE')]) {
      const response = await rest.handle(request);
      expect({ url: request.url, status: response.status, body: json(response) }).toEqual({
        url: request.url,
        status: 403,
        body: { message: 'Missing Authentication Token' },
      });
    }
    expect(invoked).toEqual([]);
  });

  it("answers a browser's preflight from the mock integration, unsigned, without calling a function", async () => {
    const { rest, invoked } = api();
    for (const [path, methods] of [['/prod/shop/0001/orders', 'GET,OPTIONS'], ['/prod/order', 'POST,OPTIONS'], ['/prod/shop/0002/token', 'POST,OPTIONS']]) {
      const preflight: BufferedRequest = {
        method: 'OPTIONS',
        url: path,
        headers: { host: 'localhost:4747', origin: 'https://shop.example', 'access-control-request-method': 'GET' },
        body: Buffer.alloc(0),
        remoteAddress: '127.0.0.1',
      };
      const response = await rest.handle(preflight);
      expect({ path, status: response.status, headers: response.headers }).toEqual({
        path,
        status: 200,
        headers: {
          'content-type': 'application/json',
          'access-control-allow-origin': 'https://shop.example',
          'access-control-allow-methods': methods,
          'access-control-allow-headers': 'authorization,content-type,idempotency-key,x-amz-content-sha256,x-amz-date,x-amz-security-token,x-amz-user-agent',
          'access-control-max-age': '600',
        },
      });
    }
    expect(invoked).toEqual([]);
  });

  it('names the web origin on its own refusals, so the browser may read why', async () => {
    const { rest } = api();
    const unsigned = { ...signed('/prod/orders'), headers: { host: 'x', origin: 'https://shop.example' } };
    const response = await rest.handle(unsigned);
    expect(response.status).toBe(403);
    expect(response.headers).toMatchObject({ 'access-control-allow-origin': 'https://shop.example', 'access-control-expose-headers': 'x-amzn-errortype,x-amzn-requestid' });
  });

  it('denies with the IAM message and never calls the function', async () => {
    const { rest, invoked } = api();
    const response = await rest.handle(signed('/prod/service-stats'));
    expect(response.status).toBe(403);
    expect(response.headers['x-amzn-errortype']).toBe('AccessDeniedException');
    expect(json(response)).toEqual({
      Message:
        'User: arn:aws:sts::000000000000:assumed-role/guest-role/CognitoIdentityCredentials is not authorized to perform: ' +
        'execute-api:Invoke on resource: arn:aws:execute-api:eu-central-1:000000000000:api123/prod/GET/service-stats',
    });
    expect(invoked).toEqual([]);
  });

  it('authorizes before it validates, so a denied caller learns nothing about the input', async () => {
    const { rest } = api();
    const response = await rest.handle(signed('/prod/order?shopToken=K7QX4M2PZ9', 'POST', '{"bad":1}'));
    expect(response.status).toBe(403);
  });

  it('passes on an authentication failure as the gateway response it names', async () => {
    const { rest } = api({ authenticate: async () => ({ ok: false, response: 'EXPIRED_TOKEN' }) });
    const response = await rest.handle(signed('/prod/products?shopId=1&shopToken=2'));
    expect(response.status).toBe(403);
    expect(json(response)).toEqual({ message: 'The security token included in the request is expired' });
  });

  it('rejects missing parameters and invalid bodies before the function runs', async () => {
    const { rest, invoked } = api({ authorize: async () => ({ allowed: true, explicitDeny: false }) });
    const missing = await rest.handle(signed('/prod/products?shopId=0001'));
    expect([missing.status, json(missing)]).toEqual([400, { message: 'Missing required request parameters: [shopToken]' }]);
    const body = await rest.handle(signed('/prod/order?shopToken=K7QX4M2PZ9', 'POST', '{"amount":1}'));
    expect([body.status, json(body)]).toEqual([400, { message: 'Invalid request body' }]);
    expect(invoked).toEqual([]);
  });

  it('refuses non-canonical paths instead of routing them differently from the signature', async () => {
    const { rest, invoked } = api({ authorize: async () => ({ allowed: true, explicitDeny: false }) });
    const response = await rest.handle(signed('/prod/order/x/../../service-stats'));
    expect(response.status).toBe(400);
    expect(json(response).message).toMatch(/^Invalid request path/);
    expect(invoked).toEqual([]);
  });

  it('answers 502 for a function error or a malformed proxy result', async () => {
    for (const result of [
      { ok: false as const, error: { errorType: 'Error', errorMessage: 'boom' } },
      { ok: true as const, result: { body: 'no status' } },
    ]) {
      const { rest } = api({ invoke: async () => result });
      const response = await rest.handle(signed('/prod/products?shopId=1&shopToken=2'));
      expect([response.status, json(response)]).toEqual([502, { message: 'Internal server error' }]);
      expect(response.headers['cache-control']).toBe('no-store');
    }
  });

  it('throttles beyond the stage limits, and a method beyond its own', async () => {
    const stage = (throttles: Record<string, { rateLimit: number; burstLimit: number }>) => ({
      stages: [{ address: 'stage', restApiId: 'api123', name: 'prod', variables: {}, throttles }],
      authorize: async () => ({ allowed: true, explicitDeny: false }),
    });
    const statuses = async (rest: LocalRestApi<string>, path: string) => {
      const seen = [];
      for (let i = 0; i < 3; i++) seen.push((await rest.handle(signed(path))).status);
      return seen;
    };
    const limited = api(stage({ '*/*': { rateLimit: 1, burstLimit: 2 } })).rest;
    expect(await statuses(limited, '/prod/products?shopId=1&shopToken=2')).toEqual([200, 200, 429]);
    const oneMethod = api(stage({ '*/*': { rateLimit: 100, burstLimit: 100 }, 'service-stats/GET': { rateLimit: 1, burstLimit: 1 } })).rest;
    expect(await statuses(oneMethod, '/prod/service-stats')).toEqual([200, 429, 429]);
    expect(await statuses(oneMethod, '/prod/products?shopId=1&shopToken=2')).toEqual([200, 200, 200]);
  });

  it("answers 500 as API Gateway does when the function's policy does not let the API invoke it", async () => {
    const lines: string[] = [];
    const { rest } = api({ invoke: async () => ({ ok: false, notPermitted: 'no statement allows it' }), log: (line) => lines.push(line) });
    const response = await rest.handle(signed('/prod/products?shopId=1&shopToken=2'));
    expect([response.status, json(response), response.headers['x-amzn-errortype']]).toEqual([500, { message: 'Internal server error' }, 'InternalServerErrorException']);
    expect(lines).toEqual(['Execution failed due to configuration error: Invalid permissions on Lambda function (no statement allows it)']);
  });

  it('hands the stage variables to the function', async () => {
    const { rest, invoked } = api({ stages: [{ address: 'stage', restApiId: 'api123', name: 'prod', variables: { mode: 'test' }, throttles: {} }] });
    await rest.handle(signed('/prod/products?shopId=1&shopToken=2'));
    expect(invoked[0].event.stageVariables).toEqual({ mode: 'test' });
  });
});
