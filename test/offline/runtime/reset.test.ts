import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { seedOrders } from '../../../platform/seed';
import { testUsers } from '../../../platform/test-users';
import { startOfflinePlatform, type OfflinePlatform } from '../../support/offline-platform';

/**
 * `POST /_platform/reset`, called with curl as a user calls it: back to the
 * seeded state without a restart, ids and keys kept, everything created since
 * gone. Only the administrator keys may call it.
 */
let dataDirectory: string;
let platform: OfflinePlatform;

beforeAll(async () => {
  platform = await startOfflinePlatform(); // on a data directory of its own
  dataDirectory = platform.runtime.outputs.dataDirectory;
});
afterAll(async () => {
  await platform.close();
});

interface CurlAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** curl, as the README shows it: signed for the service `platform` with the given keys (none: unsigned). */
function curl(method: string, keys?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }, service = 'platform'): Promise<CurlAnswer> {
  const signing = keys
    ? ['--aws-sigv4', `aws:amz:${platform.settings.region}:${service}`, '--user', `${keys.accessKeyId}:${keys.secretAccessKey}`]
    : [];
  const token = keys?.sessionToken ? ['-H', `x-amz-security-token: ${keys.sessionToken}`] : [];
  const args = ['-s', '-X', method, '-w', '\n%{http_code}', ...signing, ...token, `${platform.endpoint}/_platform/reset`];
  return new Promise((resolve, reject) => {
    execFile('curl', args, { timeout: 60_000 }, (error, stdout) => {
      if (error) return reject(error);
      const lines = stdout.trimEnd().split('\n');
      const status = Number(lines.pop());
      resolve({ status, body: JSON.parse(lines.join('\n')) as Record<string, unknown> });
    });
  });
}

const root = { accessKeyId: 'test', secretAccessKey: 'test' };
const orderBody = JSON.stringify({ shopId: '0001', phoneNumber: '+41790000012', name: 'Before Reset', items: [{ productId: '0011', quantity: 1 }] });

describe('POST /_platform/reset', () => {
  it('refuses anyone but the administrator keys, and other methods, changing nothing', async () => {
    const guest = await platform.credentials({ guest: true });
    const unsigned = await curl('POST');
    expect(unsigned.status).toBe(403);
    expect(unsigned.body.message).toMatch(/^\/_platform\/reset needs a SigV4 signature with the administrator keys: Missing Authentication Token$/);
    const asGuest = await curl('POST', guest);
    expect(asGuest).toEqual({
      status: 403,
      body: { message: expect.stringMatching(/^arn:aws:sts::000000000000:assumed-role\/[^/]+UnauthenticatedRole\/CognitoIdentityCredentials may not reset the platform; only the account's administrator keys may$/) },
    });
    const wrongService = await curl('POST', root, 'execute-api');
    expect(wrongService.status).toBe(403);
    expect(wrongService.body.message).toContain("Credential should be scoped to correct service: 'platform'");
    const wrongSecret = await curl('POST', { accessKeyId: 'test', secretAccessKey: 'guess' });
    expect(wrongSecret.status).toBe(403);
    expect(wrongSecret.body.message).toContain('The request signature we calculated does not match');
    expect(await curl('GET', root)).toEqual({ status: 405, body: { message: 'GET is not allowed on /_platform/reset; use POST' } });
    // The guest's credentials still work: nothing was reset.
    expect((await platform.call(guest, { path: '/prod/orders' })).status).toBe(200);
  });

  it('puts the platform back to its seeded state with the same ids, dropping what was created since', async () => {
    const idsBefore = { ...platform.runtime.outputs };
    const guest = await platform.credentials({ guest: true });
    const token = await platform.shopToken('0001');
    const placed = await platform.call(guest, { method: 'POST', path: `/prod/order?shopToken=${token}`, body: orderBody });
    expect(placed.status).toBe(201);
    const { orderId } = placed.body as { orderId: string };
    await platform.createUser('created-before-reset@example.com', { 'custom:role': 'customer' });
    expect(existsSync(join(dataDirectory, 'dynamodb'))).toBe(true);

    const reset = await curl('POST', root);
    expect(reset).toEqual({
      status: 200,
      body: { status: 'reset', seconds: expect.any(Number), users: expect.any(Number), items: expect.any(Number) },
    });
    expect(platform.messages).toContainEqual(expect.stringMatching(/^Reset to the seeded state in \d+\.\d s$/));

    // Same platform, same ids: outputs.json and configured clients stay valid.
    expect(platform.runtime.outputs).toEqual(idsBefore);
    // Credentials issued before are gone with the identities they belonged to.
    const staleGuest = await platform.call(guest, { path: '/prod/orders' });
    expect(staleGuest.status).toBe(403);
    // The order placed since is gone, the seed orders are back, for the same customer.
    const customer = await platform.credentials({ email: testUsers.registeredCustomer1.email });
    const orders = await platform.call(customer, { path: '/prod/orders' });
    expect(orders.status).toBe(200);
    expect((orders.body as { orders: Array<{ orderId: string }> }).orders.map((order) => order.orderId).sort()).toEqual(
      seedOrders.filter((order) => order.customer === 'registeredCustomer1').map((order) => order.orderId).sort(),
    );
    const freshGuest = await platform.credentials({ guest: true });
    expect((await platform.call(freshGuest, { path: `/prod/order/${orderId}` })).status).toBe(404);
    // The user created since is gone; the declared ones sign in.
    await expect(platform.idToken('created-before-reset@example.com', 'Created1User')).rejects.toThrow(/Incorrect username or password|User does not exist/);
    await expect(platform.idToken(testUsers.shop1Owner.email)).resolves.toMatch(/^ey/);
    // Only what identifies the platform is kept on disk besides the fresh state.
    expect(readdirSync(dataDirectory).sort()).toEqual(expect.arrayContaining(['deployment.json', 'dynamodb', 'platform.lock', 'signing-key.json']));
  });

  it("lets a request under way finish, its function's own calls served, before it resets", async () => {
    const guest = await platform.credentials({ guest: true });
    const token = await platform.shopToken('0001');
    const ordering = platform.call(guest, { method: 'POST', path: `/prod/order?shopToken=${token}`, body: orderBody });
    // The order is in its function (which calls DynamoDB through the port) when the reset begins.
    await new Promise((resolve) => setTimeout(resolve, 40));
    const reset = curl('POST', root);
    const [order] = await Promise.all([ordering, reset]);
    expect([201, 503]).toContain(order.status);
    expect((await reset).status).toBe(200);
  });

  it('answers the requests that arrive during a reset with 503 and serves them again afterwards', async () => {
    const resetting = curl('POST', root);
    // Wait until the reset has begun: the port answers 503 'resetting' from then on.
    let answer: Response | undefined;
    for (let attempt = 0; attempt < 200; attempt += 1) {
      answer = await fetch(`${platform.endpoint}/_platform/health`);
      if (answer.status === 503) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(answer?.status).toBe(503);
    expect(await answer?.json()).toEqual({ message: expect.stringMatching(/^The (platform is resetting|runtime is starting)$/) });
    expect(await curl('POST', root)).toEqual({ status: 409, body: { message: 'A reset is already under way' } });
    expect((await resetting).status).toBe(200);
    expect((await fetch(`${platform.endpoint}/_platform/health`)).status).toBe(200);
  });
});
