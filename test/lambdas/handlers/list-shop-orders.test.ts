import { seedOrders } from '../../../platform/seed';
import { apiGatewayEvent, guest, user, type TestIdentity } from '../../support/api-gateway-event';
import { bulkOrders, call, firstPageIsPartial, orderItems, startOfTest, startPlatform, testSubs, type HandlerFactory, type TestPlatform } from '../harness';

let platform: TestPlatform;
let listShopOrders: HandlerFactory;
let listMyOrders: HandlerFactory;

const customers = ['v#6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d', `c#${testSubs.registeredCustomer1}`, 'v#1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b'];
const bulk = bulkOrders(600, { shopId: '0001', customerIds: customers, firstMs: startOfTest - 600 * 60_000 });
const shop1Orders = [...bulk, ...seedOrders.filter((order) => order.shopId === '0001')];

beforeAll(async () => {
  platform = await startPlatform();
  ({ listShopOrders } = await import('../../../lambdas/handlers/list-shop-orders'));
  ({ listMyOrders } = await import('../../../lambdas/handlers/list-my-orders'));
  await platform.putItems(orderItems(bulk));
});
afterAll(() => platform.stop());

const shopOrdersRequest = (id: string, identity: TestIdentity, query: Record<string, string | string[]> = {}) =>
  apiGatewayEvent({ method: 'GET', resource: '/shop/{id}/orders', pathParameters: { id }, query, identity });
const owner1 = user(testSubs.shop1Owner, 'ShopOwnerRole');

async function walk(identity: TestIdentity, limit?: string) {
  const seen: { orderId: string; date: string; shopId: string }[] = [];
  let nextToken: string | undefined;
  do {
    const query: Record<string, string> = {};
    if (limit) query.limit = limit;
    if (nextToken) query.nextToken = nextToken;
    const answer = await call(platform, listShopOrders, shopOrdersRequest('0001', identity, query));
    expect(answer.statusCode).toBe(200);
    seen.push(...(answer.json.orders as typeof seen));
    nextToken = answer.json.nextToken as string | undefined;
  } while (nextToken);
  return seen;
}

describe('GET /shop/{id}/orders', () => {
  it('walks every page past 1 MB: each order of the shop exactly once, newest first', async () => {
    expect(await firstPageIsPartial(platform, { index: 'GSI1', partition: 'SHOP#0001' })).toBe(true);
    const seen = await walk(owner1, '100');
    const expected = [...shop1Orders].sort((a, b) => b.date.localeCompare(a.date)).map((order) => order.orderId);
    expect(seen.map((order) => order.orderId)).toEqual(expected);
    expect(new Set(seen.map((order) => order.orderId)).size).toBe(seen.length);
    expect(seen.every((order) => order.shopId === '0001')).toBe(true);
  });

  it('pages by 20 by default', async () => {
    const answer = await call(platform, listShopOrders, shopOrdersRequest('0001', owner1));
    expect((answer.json.orders as unknown[]).length).toBe(20);
    expect(answer.json.nextToken).toEqual(expect.stringMatching(/^[A-Za-z0-9_-]+$/));
  });

  it('shows guests only under pseudonyms, never the identity ids that buy their credentials, and registered customers as they are', async () => {
    const answer = await call(platform, listShopOrders, shopOrdersRequest('0001', owner1, { limit: '100' }));
    const shown = new Set((answer.json.orders as Array<{ customerId: string }>).map((order) => order.customerId));
    expect(shown).toContain(`c#${testSubs.registeredCustomer1}`);
    expect([...shown].filter((id) => id.startsWith('v#'))).toEqual([
      expect.stringMatching(/^v#[0-9a-f]{64}$/),
      expect.stringMatching(/^v#[0-9a-f]{64}$/),
    ]);
    for (const guestId of customers.filter((id) => id.startsWith('v#'))) expect(JSON.stringify(answer.json)).not.toContain(guestId.slice(2));
  });

  it("shows another shop's owner nothing: 403", async () => {
    const answer = await call(platform, listShopOrders, shopOrdersRequest('0001', user(testSubs.shop2Owner, 'ShopOwnerRole')));
    expect(answer).toMatchObject({ statusCode: 403, json: { message: expect.stringContaining('Only the owner of shop 0001') } });
  });

  it.each([
    ['a customer', user(testSubs.registeredCustomer1)],
    ['a guest', guest()],
    ['an administrator', user(testSubs.admin, 'AdminRole')],
  ])('answers 403 to %s', async (_, identity) => {
    expect((await call(platform, listShopOrders, shopOrdersRequest('0001', identity))).statusCode).toBe(403);
  });

  it("refuses a token of the customer listing, and another shop's token, with 400", async () => {
    const customerPage = await call(platform, listMyOrders, apiGatewayEvent({ method: 'GET', resource: '/orders', query: { limit: '1' }, identity: user(testSubs.registeredCustomer1) }));
    const customerToken = customerPage.json.nextToken as string;
    expect(customerToken).toBeDefined();
    const mixed = await call(platform, listShopOrders, shopOrdersRequest('0001', owner1, { nextToken: customerToken }));
    expect(mixed).toMatchObject({ statusCode: 400, json: { message: expect.stringContaining("Invalid query parameter 'nextToken'") } });

    const shop1Page = await call(platform, listShopOrders, shopOrdersRequest('0001', owner1, { limit: '1' }));
    const owner2 = user(testSubs.shop2Owner, 'ShopOwnerRole');
    const crossShop = await call(platform, listShopOrders, shopOrdersRequest('0002', owner2, { nextToken: shop1Page.json.nextToken as string }));
    expect(crossShop.statusCode).toBe(400);
  });

  it('checks ownership before anything about the page token', async () => {
    const answer = await call(platform, listShopOrders, shopOrdersRequest('0001', guest(), { nextToken: 'AAAA' }));
    expect(answer.statusCode).toBe(403);
  });
});
