import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
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
      expect(second.runtime.outputs).toEqual({ ...outputs, endpoint: second.endpoint, apiUrl: `${second.endpoint}/prod` });
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
    for (const file of ['signing-key.json', 'test-users-password.json', 'users.json', 'credentials.json']) {
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
