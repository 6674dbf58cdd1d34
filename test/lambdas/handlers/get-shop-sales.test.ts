import { seedItems } from '../../../platform/seed';
import { apiGatewayEvent, guest, user, type TestIdentity } from '../../support/api-gateway-event';
import { bulkOrders, call, firstPageIsPartial, orderItems, startOfTest, startPlatform, testSubs, type HandlerFactory, type TestPlatform } from '../harness';

let platform: TestPlatform;
let getShopSales: HandlerFactory;

const bulk = bulkOrders(650, { shopId: '0002', customerIds: ['v#6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d'], firstMs: startOfTest });
const seedAmount = (shopId: string) =>
  seedItems((key) => testSubs[key])
    .filter(({ item }) => item.entityType === 'order' && item.shopId === shopId)
    .reduce((sum, { item }) => sum + Number(item.amount), 0);

beforeAll(async () => {
  platform = await startPlatform();
  ({ getShopSales } = await import('../../../lambdas/handlers/get-shop-sales'));
  // Orders written before the aggregates existed: the reconcile step counts them.
  await platform.putItems(orderItems(bulk));
  await platform.reconcile();
});
afterAll(() => platform.stop());

const salesRequest = (id: string, identity: TestIdentity) =>
  apiGatewayEvent({ method: 'GET', resource: '/shop/{id}/sales', pathParameters: { id }, identity });

describe('GET /shop/{id}/sales', () => {
  it('totals the seed orders of a small shop', async () => {
    const answer = await call(platform, getShopSales, salesRequest('0001', user(testSubs.shop1Owner, 'ShopOwnerRole')));
    expect(answer).toMatchObject({ statusCode: 200, json: { shopId: '0001', totalAmount: seedAmount('0001'), orderCount: 1 } });
  });

  it('is exact over far more than one 1 MB page of orders, reading one item', async () => {
    expect(await firstPageIsPartial(platform, { index: 'GSI1', partition: 'SHOP#0002' })).toBe(true);
    let answer: Awaited<ReturnType<typeof call>> | undefined;
    const commands = await platform.commandsDuring(async () => {
      answer = await call(platform, getShopSales, salesRequest('0002', user(testSubs.shop2Owner, 'ShopOwnerRole')));
    });
    const expectedTotal = bulk.reduce((sum, order) => sum + order.amount, 0) + seedAmount('0002');
    expect(answer?.json).toEqual({ shopId: '0002', totalAmount: expectedTotal, orderCount: bulk.length + 1 });
    expect(commands).toEqual(['GetItemCommand']);
  });

  it('answers zeros for an owner whose shop has no orders yet', async () => {
    const sub = '0d0d0d0d-0d0d-4d0d-8d0d-0d0d0d0d0d0d';
    platform.users.set(sub, { role: 'shop_owner', shopId: '0003' });
    const answer = await call(platform, getShopSales, salesRequest('0003', user(sub, 'ShopOwnerRole')));
    expect(answer.json).toEqual({ shopId: '0003', totalAmount: 0, orderCount: 0 });
  });

  it.each([
    ["another shop's owner", user(testSubs.shop1Owner, 'ShopOwnerRole')],
    ['a customer', user(testSubs.registeredCustomer1)],
    ['a guest', guest()],
    ['an administrator', user(testSubs.admin, 'AdminRole')],
  ])('answers 403 to %s', async (_, identity) => {
    expect((await call(platform, getShopSales, salesRequest('0002', identity))).statusCode).toBe(403);
  });
});
