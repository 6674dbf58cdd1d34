import { seedShops } from '../../../platform/seed';
import { apiGatewayEvent, guest, user, type TestIdentity } from '../../support/api-gateway-event';
import { call, giveShopToken, startPlatform, testSubs, type HandlerFactory, type TestPlatform } from '../harness';

let platform: TestPlatform;
let getShop: HandlerFactory;

beforeAll(async () => {
  platform = await startPlatform();
  ({ getShop } = await import('../../../lambdas/handlers/get-shop'));
});
afterAll(() => platform.stop());

const shopRequest = (id: string, identity: TestIdentity) =>
  apiGatewayEvent({ method: 'GET', resource: '/shop/{id}', pathParameters: { id }, identity });
const owner1 = user(testSubs.shop1Owner, 'ShopOwnerRole');

describe('GET /shop/{id}', () => {
  it('answers the owner with the shop and a null token before the first rotation', async () => {
    const answer = await call(platform, getShop, shopRequest('0001', owner1));
    expect(answer.statusCode).toBe(200);
    expect(answer.json).toEqual({ ...seedShops[0], shopToken: null });
  });

  it('shows the current token once there is one, and nothing of the grace token', async () => {
    await giveShopToken(platform, '0001', 'K7QX4M2PZ9');
    const answer = await call(platform, getShop, shopRequest('0001', owner1));
    expect(answer.json).toEqual({ ...seedShops[0], shopToken: 'K7QX4M2PZ9' });
  });

  const forbidden = { statusCode: 403, json: { message: expect.stringContaining('Only the owner of shop') } };

  it.each([
    ["another shop's owner", user(testSubs.shop2Owner, 'ShopOwnerRole')],
    ['a registered customer', user(testSubs.registeredCustomer1)],
    ['an administrator', user(testSubs.admin, 'AdminRole')],
    ['a guest', guest()],
    ['a user the pool does not know', user('99999999-9999-4999-8999-999999999999')],
  ])('answers 403 to %s', async (_, identity) => {
    expect(await call(platform, getShop, shopRequest('0001', identity))).toMatchObject(forbidden);
  });

  it('answers 403 for a shop that does not exist, exactly as for one that does: no existence oracle', async () => {
    const missing = await call(platform, getShop, shopRequest('0404', user(testSubs.shop2Owner, 'ShopOwnerRole')));
    const existing = await call(platform, getShop, shopRequest('0001', user(testSubs.shop2Owner, 'ShopOwnerRole')));
    expect(missing.statusCode).toBe(403);
    expect(existing.statusCode).toBe(403);
    expect(missing.json.message).toBe(String(existing.json.message).replace('0001', '0404'));
  });

  it("answers 404 to an owner whose own shop does not exist", async () => {
    const sub = '0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f';
    platform.users.set(sub, { role: 'shop_owner', shopId: '0777' });
    const answer = await call(platform, getShop, shopRequest('0777', user(sub, 'ShopOwnerRole')));
    expect(answer).toMatchObject({ statusCode: 404, json: { message: 'Shop 0777 not found' } });
  });

  it('answers 400 to a malformed shop id', async () => {
    const answer = await call(platform, getShop, shopRequest('00 01', owner1));
    expect(answer).toMatchObject({ statusCode: 400, json: { message: expect.stringContaining("Invalid path parameter 'id'") } });
  });

  it('takes the role from the user pool, not from the IAM role name or anything the client sends', async () => {
    const customerClaimingOwnership = user(testSubs.registeredCustomer1, 'ShopOwnerRole');
    const event = shopRequest('0001', customerClaimingOwnership);
    event.headers['custom:role'] = 'shop_owner';
    event.headers['custom:shopId'] = '0001';
    expect((await call(platform, getShop, event)).statusCode).toBe(403);
  });
});
