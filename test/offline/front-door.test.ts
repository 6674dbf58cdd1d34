import { execFile } from 'node:child_process';
import { awsCliEnvironment } from '../support/aws-cli-environment';
import { rootCredentials, startOfflinePlatform, type OfflinePlatform } from '../support/offline-platform';
import { signRequest } from '../support/signed-fetch';
import { requireTool } from '../support/require-tool';
import { missingAwsCli } from '../support/aws-cli';

let platform: OfflinePlatform;
beforeAll(async () => {
  platform = await startOfflinePlatform({ inMemory: true }); // the health answer says where state is kept
});
afterAll(async () => {
  await platform.close();
});

describe('the front door', () => {
  it('answers every body over 10 MB with 413, connection after connection, and keeps serving', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const response = await fetch(`${platform.endpoint}/prod/order?shopToken=x`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: Buffer.alloc(12 * 1024 * 1024, 0x20),
      });
      expect([response.status, await response.json()]).toEqual([413, { message: 'Request Too Long' }]);
    }
    const after = await fetch(`${platform.endpoint}/prod/orders`);
    expect(after.status).toBe(403);
  });
});

describe('access log', () => {
  it('writes one line per API request: time, caller (role/session), method, path, status, milliseconds', async () => {
    const lines: string[] = [];
    const logged = await startOfflinePlatform({ accessLog: (line) => lines.push(line) });
    try {
      const guest = await logged.credentials({ guest: true });
      await logged.call(guest, { path: '/prod/orders?limit=5' });
      await fetch(`${logged.endpoint}/prod/orders`);
      expect(lines).toEqual([
        expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z shop-platform-IdentityPool-UnauthenticatedRole\/CognitoIdentityCredentials GET \/prod\/orders 200 \d+ms$/),
        expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z - GET \/prod\/orders 403 \d+ms$/),
      ]);
    } finally {
      await logged.close();
    }
  });
});

describe('harness endpoints', () => {
  it('GET /_platform/health answers ready, with versions and where the state is; other methods 405', async () => {
    const response = await fetch(`${platform.endpoint}/_platform/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ready',
      endpoint: platform.endpoint,
      region: 'eu-central-1',
      dataDirectory: '(in memory)',
      stacksDirectory: expect.stringMatching(/cdktf\.out$/),
      startedAt: expect.stringMatching(/^\d{4}-/),
      versions: { platform: '0.1.0', node: process.versions.node, dynalite: expect.stringMatching(/^\d+\.\d+\.\d+$/) },
    });
    expect((await fetch(`${platform.endpoint}/_platform/health`, { method: 'POST' })).status).toBe(405);
  });

  it('logs one line naming the failed SigV4 check for every refused signature (the client gets the answer API Gateway gives)', async () => {
    const guest = await platform.credentials({ guest: true });
    const signed = await signRequest(platform.endpoint, guest, { path: '/prod/orders' });
    const tampered = { ...signed.headers, authorization: signed.headers.authorization.replace(/Signature=[0-9a-f]{4}/, 'Signature=0000') };
    const answer = await fetch(`${platform.endpoint}/prod/orders`, { headers: tampered });
    expect(answer.status).toBe(403);
    // As API Gateway does, the answer carries the canonical request and string-to-sign to compare.
    const { message } = (await answer.json()) as { message: string };
    expect(message).toMatch(/\n\nThe Canonical String for this request should have been\n'GET\n\/prod\/orders\n\nhost:[^]*'\n\nThe String-to-Sign should have been\n'AWS4-HMAC-SHA256\n\d{8}T\d{6}Z\n\d{8}\/[a-z0-9-]+\/execute-api\/aws4_request\n[0-9a-f]{64}'\n$/);
    expect(platform.messages).toContain(
      '[refused] GET /prod/orders: SigV4 SignatureMismatch: The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  });

  it("serves the user pool's OpenID discovery document beside its JWKS: the issuer its tokens carry, and a key set that answers", async () => {
    const { userPoolId, region } = platform.runtime.outputs;
    const response = await fetch(`${platform.endpoint}/${userPoolId}/.well-known/openid-configuration`);
    const discovery = (await response.json()) as { issuer: string; jwks_uri: string; id_token_signing_alg_values_supported: string[] };
    expect(response.status).toBe(200);
    expect(discovery.issuer).toBe(`https://cognito-idp.${region}.amazonaws.com/${userPoolId}`);
    const idToken = await platform.idToken('registeredcustomer1@example.com');
    expect(JSON.parse(Buffer.from(idToken.split('.')[1], 'base64url').toString()).iss).toBe(discovery.issuer);
    expect(discovery.id_token_signing_alg_values_supported).toEqual(['RS256']);
    const keys = (await (await fetch(discovery.jwks_uri)).json()) as { keys: unknown[] };
    expect(keys.keys).toHaveLength(1);
  });
});

describe('deeply nested JSON on DynamoDB and Lambda, signed by an allowed caller', () => {
  const deep = (depth: number) => `{"TableName":"x","Key":${'{"M":'.repeat(depth)}{}${'}'.repeat(depth)}}`;
  const send = async (target: string | undefined, service: string, path: string, body: string) => {
    const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.0', ...(target ? { 'x-amz-target': target } : {}) };
    const signed = await signRequest(platform.endpoint, rootCredentials, { method: 'POST', path, body, headers, service });
    const response = await fetch(`${platform.endpoint}${signed.path}`, { method: 'POST', headers: signed.headers, body });
    return { status: response.status, body: (await response.json()) };
  };

  it('DynamoDB GetItem with a key nested 100,000 deep → 400 SerializationException before dynalite reads it', async () => {
    expect(await send('DynamoDB_20120810.GetItem', 'dynamodb', '/', deep(100_000))).toEqual({
      status: 400,
      body: { __type: 'SerializationException', message: 'Request body nests objects and arrays more than 100 deep' },
    });
  });

  it('Lambda Invoke with an event nested 100,000 deep → 400 InvalidRequestContentException', async () => {
    const answer = await send(undefined, 'lambda', `/2015-03-31/functions/${String(platform.runtime.outputs.stackOutputs.api.reconcile_aggregates_function)}/invocations`, deep(100_000));
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ Type: 'User', message: 'Could not parse request body into json: it nests objects and arrays more than 100 deep' });
  });
});

describe('services the runtime does not emulate', () => {
  const cli = (args: string[]) =>
    new Promise<{ code: number; output: string }>((resolve) => {
      execFile(
        'aws',
        [...args, '--endpoint-url', platform.endpoint],
        {
          env: awsCliEnvironment({ AWS_DEFAULT_REGION: 'eu-central-1' }),
        },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
      );
    });
  requireTool('the AWS CLI', missingAwsCli()).it('names the service and operation it does not answer, for a REST-JSON service', async () => {
    const { code, output } = await cli(['lambda', 'list-functions']);
    expect(code).not.toBe(0);
    expect(output).toContain('UnknownOperationException');
    expect(output).toContain('The offline runtime does not emulate lambda (GET /2015-03-31/functions)');
  });

  it('names an unknown operation of an emulated JSON service', async () => {
    const response = await fetch(platform.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.DeleteUserPool' },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: 'UnknownOperationException', message: expect.stringContaining('DeleteUserPool') });
  });
});
