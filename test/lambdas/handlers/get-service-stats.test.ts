import { apiGatewayEvent, guest, user, type TestIdentity } from '../../support/api-gateway-event';
import { bulkOrders, call, firstPageIsPartial, orderItems, startOfTest, startPlatform, testSubs, type HandlerFactory, type TestPlatform } from '../harness';

let getServiceStats: HandlerFactory;
const admin = user(testSubs.admin, 'AdminRole');
const statsRequest = (identity: TestIdentity) => apiGatewayEvent({ method: 'GET', resource: '/service-stats', identity });

describe('GET /service-stats on an empty platform', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startPlatform({ seed: false });
    ({ getServiceStats } = await import('../../../lambdas/handlers/get-service-stats'));
  });
  afterAll(() => platform.stop());

  it('answers zeros, not NaN and not an error', async () => {
    const answer = await call(platform, getServiceStats, statsRequest(admin));
    expect(answer).toEqual({
      statusCode: 200,
      headers: expect.any(Object),
      json: { totalNumberOfShops: 0, averageNumberOfOrdersPerShop: 0, totalNumberOfCustomers: 0, averageNumberOfOrdersPerCustomer: 0 },
    });
  });
});

describe('GET /service-stats', () => {
  let platform: TestPlatform;
  const extraShops = Array.from({ length: 3 }, (_, index) => {
    const shopId = `10${index}`;
    return { PK: `SHOP#${shopId}`, SK: 'SHOP', entityType: 'shop', shopId, name: `Shop ${shopId}`, phoneNumber: '+41440000999', address: 'x' };
  });
  const guests = ['v#6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d', 'v#1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b', `c#${testSubs.registeredCustomer1}`];
  const bulk = [
    ...bulkOrders(400, { shopId: '0001', customerIds: guests, firstMs: startOfTest }),
    ...bulkOrders(300, { shopId: '100', customerIds: ['v#0c0c0c0c-0c0c-4c0c-8c0c-0c0c0c0c0c0c'], firstMs: startOfTest }),
  ];

  beforeAll(async () => {
    platform = await startPlatform();
    ({ getServiceStats } = await import('../../../lambdas/handlers/get-service-stats'));
    // Items that are neither shops nor orders must not be counted.
    await platform.putItems([
      ...extraShops,
      ...orderItems(bulk),
      { PK: 'THROTTLE#v#x', SK: 'SHOP#0001#2026', failedAttempts: 3 },
      { PK: 'IDEMPOTENCY#abc', SK: 'place-order', entityType: 'idempotency', orderId: 'x' },
    ]);
    // Shops and orders written without their aggregates: the reconcile step counts them.
    await platform.reconcile();
  });
  afterAll(() => platform.stop());

  it('counts exactly over a table that spans several scan pages, reading only the aggregate items', async () => {
    expect(await firstPageIsPartial(platform, { scan: true })).toBe(true);
    let answer: Awaited<ReturnType<typeof call>> | undefined;
    const commands = await platform.commandsDuring(async () => {
      answer = await call(platform, getServiceStats, statsRequest(admin));
    });
    expect(commands).toEqual(['BatchGetItemCommand']);
    const shops = 2 + extraShops.length;
    const orders = 2 + bulk.length;
    // The seed orders belong to the registered customer, who also has bulk orders.
    const customers = guests.length + 1;
    expect(answer).toMatchObject({
      statusCode: 200,
      json: {
        totalNumberOfShops: shops,
        averageNumberOfOrdersPerShop: orders / shops,
        totalNumberOfCustomers: customers,
        averageNumberOfOrdersPerCustomer: orders / customers,
      },
    });
  });

  it.each([
    ['a shop owner', user(testSubs.shop1Owner, 'ShopOwnerRole')],
    ['a customer', user(testSubs.registeredCustomer1)],
    ['a guest', guest()],
    ['a user the pool does not know', user('99999999-9999-4999-8999-999999999999', 'AdminRole')],
  ])('answers 403 to %s', async (_, identity) => {
    expect(await call(platform, getServiceStats, statsRequest(identity))).toMatchObject({
      statusCode: 403,
      json: { message: 'Only platform administrators may use this operation' },
    });
  });

  it('takes the admin role from the user pool at the time of the call', async () => {
    const sub = '0b0b0b0b-0b0b-4b0b-8b0b-0b0b0b0b0b0b';
    platform.users.set(sub, { role: 'admin' });
    expect((await call(platform, getServiceStats, statsRequest(user(sub, 'AdminRole')))).statusCode).toBe(200);
    platform.users.set(sub, { role: 'customer' });
    expect((await call(platform, getServiceStats, statsRequest(user(sub, 'AdminRole')))).statusCode).toBe(403);
  });
});
