import { seedOrders } from '../../../platform/seed';
import { apiGatewayEvent, guest, jsonPost, user, type TestIdentity } from '../../support/api-gateway-event';
import { call, giveShopToken, startPlatform, testSubs, type HandlerFactory, type TestPlatform } from '../harness';

let platform: TestPlatform;
let getOrder: HandlerFactory;
let placeOrder: HandlerFactory;

const guestUuid = '7d9a1c2e-3b4f-4a5d-8e6f-708192a3b4c5';
let guestOrderId: string;
const seedOrder = seedOrders[0];

beforeAll(async () => {
  platform = await startPlatform();
  ({ getOrder } = await import('../../../lambdas/handlers/get-order'));
  ({ placeOrder } = await import('../../../lambdas/handlers/place-order'));
  await giveShopToken(platform, '0001', 'K7QX4M2PZ9');
  const placed = await call(
    platform,
    placeOrder,
    jsonPost('/order', { shopId: '0001', phoneNumber: '+41791112233', name: 'Grace Hopper', items: [{ productId: '0012', quantity: 4 }] }, guest(guestUuid), {
      query: { shopToken: 'K7QX4M2PZ9' },
    }),
  );
  guestOrderId = placed.json.orderId as string;
});
afterAll(() => platform.stop());

const orderRequest = (id: string, identity: TestIdentity) =>
  apiGatewayEvent({ method: 'GET', resource: '/order/{id}', pathParameters: { id }, identity });

describe('GET /order/{id}', () => {
  it('answers the guest identity that placed the order', async () => {
    const answer = await call(platform, getOrder, orderRequest(guestOrderId, guest(guestUuid)));
    expect(answer.statusCode).toBe(200);
    expect(answer.json).toEqual({
      orderId: guestOrderId,
      shopId: '0001',
      customerId: `v#${guestUuid}`,
      date: expect.any(String),
      name: 'Grace Hopper',
      phoneNumber: '+41791112233',
      items: [{ productId: '0012', name: 'Butter croissant', quantity: 4, price: 120 }],
      amount: 480,
      status: 'PLACED',
    });
  });

  it('answers the registered customer who placed a seed order, without asking the user pool', async () => {
    const lookupsBefore = platform.lookups.length;
    const answer = await call(platform, getOrder, orderRequest(seedOrder.orderId, user(testSubs.registeredCustomer1)));
    expect(answer.statusCode).toBe(200);
    expect(answer.json).toMatchObject({ orderId: seedOrder.orderId, customerId: `c#${testSubs.registeredCustomer1}`, amount: 2 * 110 + 120 });
    expect(platform.lookups.length).toBe(lookupsBefore);
  });

  it("answers the owner of the order's shop, whose role comes from the user pool", async () => {
    const lookupsBefore = platform.lookups.length;
    const answer = await call(platform, getOrder, orderRequest(guestOrderId, user(testSubs.shop1Owner, 'ShopOwnerRole')));
    expect(answer.statusCode).toBe(200);
    expect(answer.json.orderId).toBe(guestOrderId);
    expect(platform.lookups.slice(lookupsBefore)).toEqual([testSubs.shop1Owner]);
  });

  it("shows the owner of the order's shop a guest only under a pseudonym: the identity id would buy the guest's credentials", async () => {
    const answer = await call(platform, getOrder, orderRequest(guestOrderId, user(testSubs.shop1Owner, 'ShopOwnerRole')));
    expect(answer.json.customerId).toEqual(expect.stringMatching(/^v#[0-9a-f]{64}$/));
    expect(JSON.stringify(answer.json)).not.toContain(guestUuid);
  });

  const notFound = { statusCode: 404, json: { message: 'Order not found' } };

  it.each([
    ['another guest', () => guest()],
    ['the same person as a registered user', () => user('7d9a1c2e-3b4f-4a5d-8e6f-708192a3b4c5')],
    ['a registered customer', () => user(testSubs.registeredCustomer1)],
    ["another shop's owner", () => user(testSubs.shop2Owner, 'ShopOwnerRole')],
    ['an administrator', () => user(testSubs.admin, 'AdminRole')],
  ])("hides the order from %s with the unknown-id answer", async (_, identity) => {
    expect(await call(platform, getOrder, orderRequest(guestOrderId, identity()))).toMatchObject(notFound);
  });

  it('hides a registered customer\'s order from the guest identity of the same device', async () => {
    expect(await call(platform, getOrder, orderRequest(seedOrder.orderId, guest()))).toMatchObject(notFound);
  });

  it('does not trust a shop id sent by the client', async () => {
    const event = orderRequest(guestOrderId, user(testSubs.shop2Owner, 'ShopOwnerRole'));
    event.headers['x-shop-id'] = '0001';
    event.queryStringParameters = null;
    expect(await call(platform, getOrder, event)).toMatchObject(notFound);
  });

  it.each([
    ['an unknown id', () => '0f8e7d6c-5b4a-4392-8817-263544536271'],
    ['a malformed id', () => 'not-an-order-id'],
    ['an upper-case id', () => guestOrderId.toUpperCase()],
    ['a v1 uuid', () => 'a3bb189e-8bf9-1888-9912-ace4e6543002'],
    ['an injection attempt', () => "' OR 1=1 --"],
  ])('answers %s with the same 404', async (_, id) => {
    expect(await call(platform, getOrder, orderRequest(id(), guest(guestUuid)))).toMatchObject(notFound);
  });

  it("does the same work for someone else's order as for an unknown id: one read of the order, one user-pool lookup", async () => {
    const probe = async (id: string) => {
      const before = platform.lookups.length;
      const answer = await call(platform, getOrder, orderRequest(id, user(testSubs.registeredCustomer1)));
      return { answer: { statusCode: answer.statusCode, json: answer.json }, lookups: platform.lookups.slice(before) };
    };
    const someoneElses = await probe(guestOrderId);
    const unknown = await probe('0f8e7d6c-5b4a-4392-8817-263544536271');
    expect(someoneElses).toEqual({ answer: notFound, lookups: [testSubs.registeredCustomer1] });
    expect(unknown).toEqual(someoneElses);
  });

  it('answers 403 without an identity', async () => {
    expect((await call(platform, getOrder, orderRequest(guestOrderId, { kind: 'none' }))).statusCode).toBe(403);
  });
});
