import { randomUUID } from 'node:crypto';
import { itemKeys, orderItem, platformStatsShards, type OrderRecord } from '../../../platform/table';
import { startPlatform, type TestPlatform } from '../harness';

let platform: TestPlatform;
let transaction: typeof import('../../../lambdas/domain/order-transaction');
let reconciliation: typeof import('../../../lambdas/domain/aggregate-reconciliation');
let counters: typeof import('../../../lambdas/domain/platform-counters');

beforeAll(async () => {
  platform = await startPlatform({ seed: false });
  transaction = await import('../../../lambdas/domain/order-transaction');
  reconciliation = await import('../../../lambdas/domain/aggregate-reconciliation');
  counters = await import('../../../lambdas/domain/platform-counters');
});
afterAll(() => platform.stop());

const nowMs = Date.parse('2026-03-02T10:00:00.000Z');
const order = (shopId: string, customerId: string, amount: number, orderId: string = randomUUID()): OrderRecord => ({
  orderId,
  shopId,
  customerId,
  date: new Date(nowMs).toISOString(),
  name: 'Ada',
  phoneNumber: '+41791234567',
  items: [{ productId: '0011', name: 'Loaf', quantity: 1, price: amount }],
  amount,
  status: 'PLACED',
});

const byKey = async () => new Map((await platform.scanAll()).map((item) => [`${String(item.PK)}|${String(item.SK)}`, item]));
const platformTotals = async () => counters.sumPlatformCounters(await counters.readPlatformCounterItems(platform.deps.table));

describe('writeOrderWithAggregates', () => {
  it("writes the order, the shop's sales, one platform shard and a first-time customer's marker together", async () => {
    const placed = order('t1', 'v#first', 230);
    const outcome = await transaction.writeOrderWithAggregates(platform.deps.table, { order: placed, nowMs });
    expect(outcome).toEqual({ written: true, order: placed, newCustomer: true });
    const items = await byKey();
    expect(items.get(`ORDER#${placed.orderId}|ORDER`)).toEqual(orderItem(placed));
    expect(items.get('SALES#t1|SALES')).toEqual({ ...itemKeys.shopSales('t1'), entityType: 'shopSales', shopId: 't1', orderCount: 1, totalAmount: 230 });
    expect(items.get('CUSTOMER#v#first|CUSTOMER')).toMatchObject({ entityType: 'customer', customerId: 'v#first' });
    const shards = [...items.values()].filter((item) => item.entityType === 'platformStats');
    expect(shards).toHaveLength(1);
    expect(shards[0]).toMatchObject({ orders: 1, customers: 1 });
    expect(Number(String(shards[0].PK).split('#')[2])).toBeLessThan(platformStatsShards);
  });

  it("counts a returning customer's order but not the customer again", async () => {
    const before = await platformTotals();
    const outcome = await transaction.writeOrderWithAggregates(platform.deps.table, { order: order('t1', 'v#first', 70), nowMs });
    expect(outcome).toMatchObject({ written: true, newCustomer: false });
    expect(await platformTotals()).toEqual({ ...before, orders: before.orders + 1 });
    expect((await byKey()).get('SALES#t1|SALES')).toMatchObject({ orderCount: 2, totalAmount: 300 });
  });

  it.each([
    ['known, for a first order', true, 'v#stale-new', 1],
    ['new, for a returning customer', false, 'v#first', 0],
  ])("counts customers right when the caller's reading of the marker was stale (%s)", async (_, knownCustomer, customerId, newCustomers) => {
    const before = await platformTotals();
    const outcome = await transaction.writeOrderWithAggregates(platform.deps.table, { order: order('t1', customerId, 5), nowMs, knownCustomer });
    expect(outcome).toMatchObject({ written: true, newCustomer: newCustomers === 1 });
    expect(await platformTotals()).toEqual({ ...before, orders: before.orders + 1, customers: before.customers + newCustomers });
  });

  it('never overwrites an existing order: a clashing id is replaced by a fresh one', async () => {
    const existing = order('t2', 'v#clash', 10);
    await transaction.writeOrderWithAggregates(platform.deps.table, { order: existing, nowMs });
    const outcome = await transaction.writeOrderWithAggregates(platform.deps.table, { order: order('t2', 'v#clash', 99, existing.orderId), nowMs });
    if (!outcome.written) throw new Error('not written');
    expect(outcome.order.orderId).not.toBe(existing.orderId);
    const items = await byKey();
    expect(items.get(`ORDER#${existing.orderId}|ORDER`)).toEqual(orderItem(existing));
    expect(items.get(`ORDER#${outcome.order.orderId}|ORDER`)).toMatchObject({ amount: 99 });
  });

  it('writes nothing when the idempotency key is already taken', async () => {
    const scope = { operation: 'place-order', customerId: 'v#keyed', idempotencyKey: 'taken-key-1' };
    const record = { requestHash: 'a'.repeat(64), expiration: Math.floor(nowMs / 1000) + 60 };
    await transaction.writeOrderWithAggregates(platform.deps.table, { order: order('t3', 'v#keyed', 5), nowMs, idempotency: { scope, record } });
    const before = await platform.scanAll();
    const outcome = await transaction.writeOrderWithAggregates(platform.deps.table, { order: order('t3', 'v#keyed', 5), nowMs, idempotency: { scope, record } });
    expect(outcome).toEqual({ written: false, idempotencyKeyTaken: true });
    expect(await platform.scanAll()).toEqual(before);
  });

  it('stays exact under 120 concurrent orders of 9 customers in 3 shops, first orders racing each other', async () => {
    const customers = Array.from({ length: 9 }, (_, index) => `v#race-${index}`);
    const shops = ['r1', 'r2', 'r3'];
    const orders = Array.from({ length: 120 }, (_, index) => order(shops[index % 3], customers[index % 9], 100 + index));
    await Promise.all(orders.map((placed) => transaction.writeOrderWithAggregates(platform.deps.table, { order: placed, nowMs })));
    const report = await reconciliation.verifyAggregates(platform.deps.table);
    expect(report).toMatchObject({ consistent: true, differences: [], missingCustomerMarkers: 0 });
    const items = await byKey();
    for (const shopId of shops) {
      const mine = orders.filter((placed) => placed.shopId === shopId);
      expect(items.get(`SALES#${shopId}|SALES`)).toMatchObject({ orderCount: mine.length, totalAmount: mine.reduce((sum, placed) => sum + placed.amount, 0) });
    }
  });
});
