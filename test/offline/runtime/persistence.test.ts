import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testUsers } from '../../../platform/test-users';
import { startOfflinePlatform } from '../../support/offline-platform';

/** The data directory keeps the platform across restarts, as the deployed stacks keep their state. */
describe('the data directory', () => {
  const dataDirectory = join(mkdtempSync(join(tmpdir(), 'shop-data-')), '.local-data');
  const start = (reset = false) => startOfflinePlatform({ inMemory: false, dataDirectory, reset });

  it('keeps ids, keys, users, identities, orders and rotated tokens across a restart, and --reset starts afresh', async () => {
    const first = await start();
    const password = await first.password();
    const guest = await first.credentials({ guest: true });
    const owner = await first.credentials({ email: testUsers.shop1Owner.email });
    const rotated = await first.call(owner, { method: 'POST', path: '/prod/shop/0001/token' });
    const { shopToken } = rotated.body as { shopToken: string };
    const placed = await first.call(guest, {
      method: 'POST',
      path: `/prod/order?shopToken=${shopToken}`,
      body: JSON.stringify({ shopId: '0001', phoneNumber: '+41790000011', name: 'Returning', items: [{ productId: '0012', quantity: 2 }] }),
    });
    expect(placed.status).toBe(201);
    const outputs = first.runtime.outputs;
    await first.close();

    const second = await start();
    try {
      const apiUrl = `${second.endpoint}/prod`;
      expect(second.runtime.outputs).toEqual({
        ...outputs,
        endpoint: second.endpoint,
        apiUrl,
        webAppUrl: `${second.endpoint}/app/`,
        stackOutputs: { ...outputs.stackOutputs, api: { ...outputs.stackOutputs.api, api_url: apiUrl } },
      });
      expect(await second.password()).toBe(password);
      // The guest's session survives: same keys, same identity, same order.
      const read = await second.call(guest, { path: `/prod/order/${(placed.body as { orderId: string }).orderId}` });
      expect(read.status).toBe(200);
      // The seed was not reloaded and no first rotation ran again: the rotated token stands.
      expect(await second.shopToken('0001')).toBe(shopToken);
      // A signed-in user keeps the identity the pool gave it.
      expect((await second.credentials({ email: testUsers.shop1Owner.email })).identityId).toBe(owner.identityId);
    } finally {
      await second.close();
    }

    const third = await start(true);
    try {
      expect(third.runtime.outputs.userPoolId).not.toBe(outputs.userPoolId);
      expect(third.runtime.outputs.apiId).not.toBe(outputs.apiId);
      const answer = await third.call(guest, { path: '/prod/orders' });
      expect(answer.status).toBe(403);
      expect(answer.body).toEqual({ message: 'The security token included in the request is invalid.' });
    } finally {
      await third.close();
    }
  });

  it('keeps secrets in files only their owner can read', async () => {
    const platform = await start();
    await platform.credentials({ email: testUsers.admin.email });
    await platform.close();
    for (const file of ['signing-key.json', 'created-secrets.json', 'users.json', 'credentials.json']) {
      expect({ file, mode: (statSync(join(dataDirectory, file)).mode & 0o777).toString(8) }).toEqual({ file, mode: '600' });
    }
    expect(readdirSync(dataDirectory)).toContain('dynamodb');
  });

  it('writes nothing in memory mode', async () => {
    const untouched = join(mkdtempSync(join(tmpdir(), 'shop-data-')), '.local-data');
    const platform = await startOfflinePlatform({ inMemory: true, dataDirectory: untouched });
    await platform.close();
    expect(existsSync(untouched)).toBe(false);
  });
});

/**
 * Data directories of the version before the runtime read the synthesized
 * stacks kept their ids in resources.json and rest-api.json and the test users'
 * password in test-users-password.json. Such a directory is written here from a
 * current one, the way that version laid it out, and started.
 */
describe('a data directory of the earlier layout', () => {
  it('keeps its ids, users, password, orders and tokens, and loses the old files', async () => {
    const dataDirectory = join(mkdtempSync(join(tmpdir(), 'shop-legacy-')), '.local-data');
    const first = await startOfflinePlatform({ inMemory: false, dataDirectory });
    const password = await first.password();
    const tokens = await first.runtime.shopTokens();
    const { outputs } = first.runtime;
    const users = first.runtime.declaredUsers();
    const secret = first.runtime.deployment.secrets[0];
    await first.close();

    writeFileSync(
      join(dataDirectory, 'resources.json'),
      JSON.stringify({
        region: 'eu-central-1',
        userPoolId: outputs.userPoolId,
        userPoolCreatedAt: 1_790_000_000_000,
        appClientId: outputs.userPoolClientId,
        identityPoolId: outputs.identityPoolId,
        secretArnSuffix: secret.arnSuffix,
        secretVersionId: '0b0b0b0b-0b0b-4b0b-8b0b-0b0b0b0b0b0b',
        secretCreatedAt: 1_790_000_000_000,
      }),
    );
    writeFileSync(join(dataDirectory, 'rest-api.json'), JSON.stringify({ apiId: outputs.apiId }));
    writeFileSync(join(dataDirectory, 'test-users-password.json'), JSON.stringify({ password }));
    rmSync(join(dataDirectory, 'deployment.json'));
    rmSync(join(dataDirectory, 'created-secrets.json'));

    const second = await startOfflinePlatform({ inMemory: false, dataDirectory });
    try {
      expect(second.runtime.outputs).toMatchObject({
        userPoolId: outputs.userPoolId,
        userPoolClientId: outputs.userPoolClientId,
        identityPoolId: outputs.identityPoolId,
        apiId: outputs.apiId,
      });
      expect(second.runtime.declaredUsers().map((user) => user.username)).toEqual(users.map((user) => user.username));
      expect(await second.password()).toBe(password);
      await expect(second.credentials({ email: testUsers.registeredCustomer1.email })).resolves.toMatchObject({ accessKeyId: expect.any(String) });
      const customer = await second.credentials({ email: testUsers.registeredCustomer1.email });
      expect(((await second.call(customer, { path: '/prod/orders' })).body as { orders: unknown[] }).orders).toHaveLength(2);
      // The first rotation is applied again (it was not recorded the old way): the tokens move on once.
      expect(await second.runtime.shopTokens()).not.toEqual(tokens);
      for (const legacy of ['resources.json', 'rest-api.json', 'test-users-password.json']) expect(existsSync(join(dataDirectory, legacy))).toBe(false);
    } finally {
      await second.close();
    }
  });
});
