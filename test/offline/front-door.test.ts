import { startOfflinePlatform, type OfflinePlatform } from '../support/offline-platform';

let platform: OfflinePlatform;
beforeAll(async () => {
  platform = await startOfflinePlatform();
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
