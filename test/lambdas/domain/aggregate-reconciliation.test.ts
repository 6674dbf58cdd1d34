import { randomUUID } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { itemKeys, orderItem, shopItem, type OrderRecord } from '../../../platform/table';
import { startPlatform, type TestPlatform } from '../harness';

let platform: TestPlatform;
let reconciliation: typeof import('../../../lambdas/domain/aggregate-reconciliation');
let transaction: typeof import('../../../lambdas/domain/order-transaction');
let stats: typeof import('../../../lambdas/domain/service-stats');
let sales: typeof import('../../../lambdas/domain/shop-sales');

beforeEach(async () => {
  platform = await startPlatform({ seed: false });
  reconciliation = await import('../../../lambdas/domain/aggregate-reconciliation');
  transaction = await import('../../../lambdas/domain/order-transaction');
  stats = await import('../../../lambdas/domain/service-stats');
  sales = await import('../../../lambdas/domain/shop-sales');
});
afterEach(() => platform.stop());

const nowMs = Date.parse('2026-03-02T10:00:00.000Z');
const order = (shopId: string, customerId: string, amount: number): OrderRecord => ({
  orderId: randomUUID(),
  shopId,
  customerId,
  date: new Date(nowMs).toISOString(),
  name: 'Ada',
  phoneNumber: '+41791234567',
  items: [{ productId: '0011', name: 'Loaf', quantity: 1, price: amount }],
  amount,
  status: 'PLACED',
});
const shop = (shopId: string) => shopItem({ shopId, name: `Shop ${shopId}`, phoneNumber: '+41440000001', address: 'x' });

/** A table as it was before the aggregates: shops and orders, nothing else. */
async function fillWithoutAggregates() {
  const orders = [
    ...Array.from({ length: 30 }, (_, index) => order('0001', `v#guest-${index % 4}`, 100 + index)),
    ...Array.from({ length: 12 }, (_, index) => order('0002', index % 2 === 0 ? 'c#registered' : 'v#guest-0', 1990)),
  ];
  await platform.putItems([shop('0001'), shop('0002'), shop('0003'), ...orders.map(orderItem)]);
  return orders;
}

const table = () => platform.deps.table;

describe('reconcileAggregates', () => {
  it('gives a table filled without aggregates the recount, and writes the customer markers', async () => {
    const orders = await fillWithoutAggregates();
    const report = await reconciliation.reconcileAggregates(table());
    expect(report).toMatchObject({ mode: 'reconcile', shops: 3, orders: 42, customers: 5, consistent: false, markersWritten: 5, missingCustomerMarkers: 0 });
    expect(report.differences).toEqual(
      expect.arrayContaining([
        { aggregate: 'platform', field: 'orders', expected: 42, found: 0 },
        { aggregate: 'platform', field: 'shops', expected: 3, found: 0 },
        { aggregate: 'shop 0002', field: 'totalAmount', expected: 12 * 1990, found: 0 },
      ]),
    );
    const total = (shopId: string) => orders.filter((placed) => placed.shopId === shopId).reduce((sum, placed) => sum + placed.amount, 0);
    expect(await sales.shopSales(table(), '0001')).toEqual({ shopId: '0001', orderCount: 30, totalAmount: total('0001') });
    expect(await sales.shopSales(table(), '0002')).toEqual({ shopId: '0002', orderCount: 12, totalAmount: total('0002') });
    expect(await sales.shopSales(table(), '0003')).toEqual({ shopId: '0003', orderCount: 0, totalAmount: 0 });
    expect(await stats.serviceStats(table())).toEqual({
      totalNumberOfShops: 3,
      averageNumberOfOrdersPerShop: 14,
      totalNumberOfCustomers: 5,
      averageNumberOfOrdersPerCustomer: 42 / 5,
    });
    const again = await reconciliation.reconcileAggregates(table());
    expect(again).toMatchObject({ consistent: true, differences: [], corrected: 0, markersWritten: 0 });
  });

  it('counts a legacy customer once after reconcile, when they order again', async () => {
    await fillWithoutAggregates();
    await reconciliation.reconcileAggregates(table());
    await transaction.writeOrderWithAggregates(table(), { order: order('0001', 'v#guest-1', 5), nowMs });
    expect(await stats.serviceStats(table())).toMatchObject({ totalNumberOfCustomers: 5 });
    expect(await reconciliation.verifyAggregates(table())).toMatchObject({ consistent: true, orders: 43 });
  });

  it('stays exact while orders keep being placed during it', async () => {
    await fillWithoutAggregates();
    const placing = Promise.all(
      Array.from({ length: 60 }, (_, index) =>
        transaction.writeOrderWithAggregates(table(), { order: order(index % 2 ? '0001' : '0003', `v#during-${index % 7}`, 10 + index), nowMs }),
      ),
    );
    await reconciliation.reconcileAggregates(table());
    await placing;
    expect(await reconciliation.verifyAggregates(table())).toMatchObject({ consistent: true, orders: 102, customers: 12 });
  });

  it('answers zeros on an empty table', async () => {
    expect(await reconciliation.reconcileAggregates(table())).toMatchObject({ shops: 0, orders: 0, customers: 0, differences: [] });
    expect(await stats.serviceStats(table())).toEqual({
      totalNumberOfShops: 0,
      averageNumberOfOrdersPerShop: 0,
      totalNumberOfCustomers: 0,
      averageNumberOfOrdersPerCustomer: 0,
    });
  });
});

describe('verifyAggregates', () => {
  it('reports an introduced difference and changes nothing', async () => {
    await fillWithoutAggregates();
    await reconciliation.reconcileAggregates(table());
    await platform.documents.send(
      new UpdateCommand({ TableName: table().name, Key: itemKeys.shopSales('0001'), UpdateExpression: 'ADD totalAmount :x', ExpressionAttributeValues: { ':x': 7 } }),
    );
    const before = await platform.scanAll();
    const report = await reconciliation.verifyAggregates(table());
    const expected = (await platform.scanAll()).find((item) => item.PK === 'SALES#0001');
    expect(report).toMatchObject({
      mode: 'verify',
      consistent: false,
      differenceCount: 1,
      differences: [{ aggregate: 'shop 0001', field: 'totalAmount', expected: Number(expected?.totalAmount) - 7, found: Number(expected?.totalAmount) }],
    });
    expect(await platform.scanAll()).toEqual(before);
  });

  it('reports orders of customers without a marker', async () => {
    await fillWithoutAggregates();
    await reconciliation.reconcileAggregates(table());
    await platform.putItems([orderItem(order('0002', 'v#unmarked', 1))]);
    expect(await reconciliation.verifyAggregates(table())).toMatchObject({ consistent: false, missingCustomerMarkers: 1 });
  });
});
