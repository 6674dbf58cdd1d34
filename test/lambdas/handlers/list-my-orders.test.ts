import { seedOrders } from '../../../platform/seed';
import { apiGatewayEvent, guest, user, type TestIdentity } from '../../support/api-gateway-event';
import { bulkOrders, call, firstPageIsPartial, orderItems, startOfTest, startPlatform, testSubs, type HandlerFactory, type TestPlatform } from '../harness';

let platform: TestPlatform;
let listMyOrders: HandlerFactory;

const heavyGuestUuid = '5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716';
const otherGuestUuid = '0a1b2c3d-4e5f-4061-8273-8495a6b7c8d9';
const bulk = bulkOrders(600, { shopId: '0002', customerIds: [`v#${heavyGuestUuid}`], firstMs: startOfTest - 600 * 60_000 });
const otherGuestOrders = bulkOrders(3, { shopId: '0001', customerIds: [`v#${otherGuestUuid}`], firstMs: startOfTest });

beforeAll(async () => {
  platform = await startPlatform();
  ({ listMyOrders } = await import('../../../lambdas/handlers/list-my-orders'));
  await platform.putItems(orderItems([...bulk, ...otherGuestOrders]));
});
afterAll(() => platform.stop());

const ordersRequest = (identity: TestIdentity, query: Record<string, string | string[]> = {}) =>
  apiGatewayEvent({ method: 'GET', resource: '/orders', query, identity });

describe('GET /orders', () => {
  it("lists a registered customer's whole history, newest first", async () => {
    const answer = await call(platform, listMyOrders, ordersRequest(user(testSubs.registeredCustomer1)));
    expect(answer.statusCode).toBe(200);
    const orders = answer.json.orders as { orderId: string }[];
    expect(orders.map((order) => order.orderId)).toEqual([...seedOrders].reverse().map((order) => order.orderId));
    expect(answer.json).not.toHaveProperty('nextToken');
    expect(Object.keys(orders[0]).sort()).toEqual(
      ['amount', 'customerId', 'date', 'items', 'name', 'orderId', 'phoneNumber', 'shopId', 'status'].sort(),
    );
  });

  it("lists only this guest identity's orders", async () => {
    const answer = await call(platform, listMyOrders, ordersRequest(guest(otherGuestUuid)));
    expect((answer.json.orders as { orderId: string }[]).map((order) => order.orderId)).toEqual(
      [...otherGuestOrders].reverse().map((order) => order.orderId),
    );
  });

  it('answers an identity without orders with an empty list', async () => {
    expect((await call(platform, listMyOrders, ordersRequest(guest()))).json).toEqual({ orders: [] });
  });

  it('fills more than one 1 MB DynamoDB page for this customer', async () => {
    expect(await firstPageIsPartial(platform, { index: 'GSI2', partition: `CUSTOMER#v#${heavyGuestUuid}` })).toBe(true);
  });

  it.each([undefined, '100', '7'])('walks every page (limit %s): each order exactly once, newest first', async (limit) => {
    const seen: { orderId: string; date: string }[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const query: Record<string, string> = {};
      if (limit) query.limit = limit;
      if (nextToken) query.nextToken = nextToken;
      const answer = await call(platform, listMyOrders, ordersRequest(guest(heavyGuestUuid), query));
      expect(answer.statusCode).toBe(200);
      const orders = answer.json.orders as { orderId: string; date: string }[];
      expect(orders.length).toBeLessThanOrEqual(limit ? Number(limit) : 20);
      seen.push(...orders);
      nextToken = answer.json.nextToken as string | undefined;
      pages += 1;
    } while (nextToken);
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(bulk.length / (limit ? Number(limit) : 20)));
    expect(seen.map((order) => order.orderId)).toEqual([...bulk].reverse().map((order) => order.orderId));
    const dates = seen.map((order) => order.date);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  async function firstToken(identity: TestIdentity): Promise<string> {
    const answer = await call(platform, listMyOrders, ordersRequest(identity, { limit: '1' }));
    return answer.json.nextToken as string;
  }

  it("refuses another customer's nextToken with 400", async () => {
    const token = await firstToken(guest(heavyGuestUuid));
    const answer = await call(platform, listMyOrders, ordersRequest(guest(otherGuestUuid), { nextToken: token }));
    expect(answer).toMatchObject({ statusCode: 400, json: { message: expect.stringContaining("Invalid query parameter 'nextToken'") } });
  });

  it('refuses tampered nextTokens with 400', async () => {
    const token = await firstToken(guest(heavyGuestUuid));
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Record<string, string>;
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const tampered = [
      encode({ ...decoded, 'GSI2-PK': `CUSTOMER#v#${otherGuestUuid}` }),
      encode({ ...decoded, extra: 'x' }),
      encode({ ...decoded, SK: 'SHOP' }),
      encode({ ...decoded, PK: 'SHOP#0001' }),
      encode({ ...decoded, 'GSI2-SK': '2026-01-01T00:00:00.000Z#9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' }),
      encode(Object.fromEntries(Object.entries(decoded).filter(([name]) => name !== 'PK'))),
      encode({ ...decoded, 'GSI1-PK': decoded['GSI2-PK'] }),
      encode([decoded]),
      encode('x'),
      token.slice(0, -2),
      `${token}A`,
      'AAAA',
    ];
    for (const nextToken of tampered) {
      const answer = await call(platform, listMyOrders, ordersRequest(guest(heavyGuestUuid), { nextToken }));
      expect({ nextToken, statusCode: answer.statusCode }).toEqual({ nextToken, statusCode: 400 });
    }
  });

  it.each([
    [{ limit: '0' }, "Invalid query parameter 'limit': must be >= 1"],
    [{ limit: '101' }, "Invalid query parameter 'limit': must be <= 100"],
    [{ limit: 'ten' }, "Invalid query parameter 'limit': must be integer"],
    [{ limit: '1.5' }, "Invalid query parameter 'limit': must be integer"],
    [{ limit: '1e1' }, "Invalid query parameter 'limit': must be integer"],
    [{ limit: ['5', '6'] }, "Query parameter 'limit' must be given at most once"],
    [{ nextToken: 'has+plus/slash=' }, "Invalid query parameter 'nextToken': must match pattern"],
    [{ nextToken: '' }, "Invalid query parameter 'nextToken'"],
    [{ customerId: `v#${heavyGuestUuid}` }, "Unknown query parameter 'customerId'"],
  ])('refuses %j with 400', async (query, message) => {
    const answer = await call(platform, listMyOrders, ordersRequest(guest(), query));
    expect(answer).toMatchObject({ statusCode: 400, json: { message: expect.stringContaining(message) } });
  });

  it('answers 403 without an identity', async () => {
    expect((await call(platform, listMyOrders, ordersRequest({ kind: 'none' }))).statusCode).toBe(403);
  });
});
