import { createHash } from 'node:crypto';
import type { OrderRecord } from '../../../platform/table';
import { startPlatform, type TestPlatform } from '../harness';

let platform: TestPlatform;
let orders: typeof import('../../../lambdas/domain/orders');

beforeAll(async () => {
  platform = await startPlatform({ seed: false });
  orders = await import('../../../lambdas/domain/orders');
});
afterAll(() => platform.stop());

describe('mayReadOrder', () => {
  const order = sampleOrder();
  it('lets the customer and the owner of the shop read, nobody else', () => {
    expect(orders.mayReadOrder(order, { customerId: 'v#x' })).toBe(true);
    expect(orders.mayReadOrder(order, { customerId: 'c#owner', ownedShopId: '0001' })).toBe(true);
    expect(orders.mayReadOrder(order, { customerId: 'c#owner', ownedShopId: '0002' })).toBe(false);
    expect(orders.mayReadOrder(order, { customerId: 'v#y' })).toBe(false);
  });
});

describe('orderSeenBy', () => {
  const identityUuid = '7d9a1c2e-3b4f-4a5d-8e6f-708192a3b4c5';
  const guestOrder = { ...sampleOrder(), customerId: `v#${identityUuid}` };

  it('shows the guest their own order as stored', () => {
    expect(orders.orderSeenBy(guestOrder, { customerId: `v#${identityUuid}` })).toEqual(guestOrder);
  });

  it("shows anyone else a guest only as v# and the SHA-256 of the identity, never the identity id that buys the guest's credentials", () => {
    const seen = orders.orderSeenBy(guestOrder, { customerId: 'c#owner' });
    expect(seen).toEqual({ ...guestOrder, customerId: `v#${createHash('sha256').update(identityUuid).digest('hex')}` });
    expect(JSON.stringify(seen)).not.toContain(identityUuid);
    const otherGuest = orders.orderSeenBy({ ...guestOrder, customerId: 'v#1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b' }, { customerId: 'c#owner' });
    expect(otherGuest.customerId).not.toBe(seen.customerId);
  });

  it("shows a registered customer's id as it is: a user-pool sub buys nothing", () => {
    const registered = { ...sampleOrder(), customerId: 'c#0b5d3f3e-1c1e-4a5b-9a53-3e2f6cf3b8a1' };
    expect(orders.orderSeenBy(registered, { customerId: 'c#owner' })).toEqual(registered);
  });

  it("shows the shop's owner a name stored before the schema refused it made spreadsheet-safe; the customer sees it as written", () => {
    const stored = { ...sampleOrder(), customerId: 'c#customer', name: '=HYPERLINK("http://evil.example","Anna")\u202Egnp.exe' };
    expect(orders.orderSeenBy(stored, { customerId: 'c#owner' }).name).toBe("'=HYPERLINK(\"http://evil.example\",\"Anna\")\uFFFDgnp.exe");
    expect(orders.orderSeenBy(stored, { customerId: 'c#customer' }).name).toBe(stored.name);
  });
});

function sampleOrder(): OrderRecord {
  return {
    orderId: '6b0628ae-6062-4368-84f9-0d43b6a7d9d3',
    shopId: '0001',
    customerId: 'v#x',
    date: '2026-03-02T10:00:00.000Z',
    name: 'x',
    phoneNumber: '+41791234567',
    items: [],
    amount: 0,
    status: 'PLACED',
  };
}
