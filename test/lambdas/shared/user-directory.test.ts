import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { UserDirectory } from '../../../lambdas/shared/user-directory';
import { quietPowertools } from '../harness';

/**
 * The production directory: AdminGetUser on the pool in USER_POOL_ID, reached
 * through the standard endpoint variable, answered here by a tiny stand-in for
 * the Cognito API that records what it is asked.
 */
interface Recorded {
  target: string | undefined;
  body: { UserPoolId: string; Username: string };
}

const requests: Recorded[] = [];
const poolUsers: Record<string, { Enabled: boolean; UserAttributes: { Name: string; Value: string }[] }> = {
  'aaaaaaaa-0000-4000-8000-000000000001': {
    Enabled: true,
    UserAttributes: [
      { Name: 'sub', Value: 'aaaaaaaa-0000-4000-8000-000000000001' },
      { Name: 'custom:role', Value: 'shop_owner' },
      { Name: 'custom:shopId', Value: '0001' },
    ],
  },
  'aaaaaaaa-0000-4000-8000-000000000002': { Enabled: false, UserAttributes: [{ Name: 'custom:role', Value: 'admin' }] },
  'aaaaaaaa-0000-4000-8000-000000000003': { Enabled: true, UserAttributes: [{ Name: 'custom:role', Value: 'superuser' }] },
};

let server: Server;
let now = 1_000_000;
let directory: UserDirectory;
let buildUserPoolDependencies: typeof import('../../../lambdas/shared/user-pool-dependencies').buildUserPoolDependencies;
let openTable: typeof import('../../../lambdas/shared/table').openTable;

beforeAll(async () => {
  server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => {
      const body = JSON.parse(text) as Recorded['body'];
      requests.push({ target: request.headers['x-amz-target'] as string | undefined, body });
      const found = poolUsers[body.Username];
      response.setHeader('Content-Type', 'application/x-amz-json-1.1');
      if (!found) {
        response.statusCode = 400;
        response.end(JSON.stringify({ __type: 'UserNotFoundException', message: 'User does not exist.' }));
        return;
      }
      response.end(JSON.stringify({ Username: body.Username, ...found }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  quietPowertools();
  process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.AWS_REGION = 'eu-central-1';
  process.env.AWS_ACCESS_KEY_ID = 'AKIDTESTTESTTESTTEST';
  process.env.AWS_SECRET_ACCESS_KEY = 'test';
  process.env.USER_POOL_ID = 'eu-central-1_TestPool1';
  process.env.SHOP_USER_CACHE_SECONDS = '10';
  ({ buildUserPoolDependencies } = await import('../../../lambdas/shared/user-pool-dependencies'));
  ({ openTable } = await import('../../../lambdas/shared/table'));
  directory = buildUserPoolDependencies({ table: openTable('unused'), clock: () => now }).users;
});
afterAll(async () => {
  delete process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER;
  await new Promise((resolve) => server.close(resolve));
});

describe('the Cognito user directory', () => {
  it("reads role and shop with AdminGetUser, the sub as username, on the configured pool", async () => {
    expect(await directory.findUser('aaaaaaaa-0000-4000-8000-000000000001')).toEqual({ role: 'shop_owner', shopId: '0001' });
    expect(requests.at(-1)).toEqual({
      target: 'AWSCognitoIdentityProviderService.AdminGetUser',
      body: { UserPoolId: 'eu-central-1_TestPool1', Username: 'aaaaaaaa-0000-4000-8000-000000000001' },
    });
  });

  it('caches an answer for SHOP_USER_CACHE_SECONDS (10 s here) per container', async () => {
    const before = requests.length;
    now += 9_000;
    await directory.findUser('aaaaaaaa-0000-4000-8000-000000000001');
    expect(requests.length).toBe(before);
    now += 1_000;
    await directory.findUser('aaaaaaaa-0000-4000-8000-000000000001');
    expect(requests.length).toBe(before + 1);
  });

  it('treats unknown and disabled users as nobody, and unknown roles as none', async () => {
    expect(await directory.findUser('aaaaaaaa-0000-4000-8000-0000000000ff')).toBeUndefined();
    expect(await directory.findUser('aaaaaaaa-0000-4000-8000-000000000002')).toBeUndefined();
    expect(await directory.findUser('aaaaaaaa-0000-4000-8000-000000000003')).toEqual({ role: undefined, shopId: undefined });
  });

  it('never caches when SHOP_USER_CACHE_SECONDS is 0: every lookup asks the pool', async () => {
    const uncached = buildUserPoolDependencies({ table: openTable('unused'), clock: () => now }, { ...process.env, SHOP_USER_CACHE_SECONDS: '0' }).users;
    const before = requests.length;
    await uncached.findUser('aaaaaaaa-0000-4000-8000-000000000001');
    await uncached.findUser('aaaaaaaa-0000-4000-8000-000000000001');
    expect(requests.length).toBe(before + 2);
  });

  it.each([
    [undefined, 'SHOP_USER_CACHE_SECONDS is not set'],
    ['ten', 'SHOP_USER_CACHE_SECONDS="ten" is not a whole number of seconds'],
  ])('refuses SHOP_USER_CACHE_SECONDS=%s as a configuration error', async (value, message) => {
    const env = { ...process.env, SHOP_USER_CACHE_SECONDS: value };
    const users = buildUserPoolDependencies({ table: openTable('unused'), clock: () => now }, env).users;
    await expect(users.findUser('aaaaaaaa-0000-4000-8000-000000000001')).rejects.toThrow(message);
  });
});
