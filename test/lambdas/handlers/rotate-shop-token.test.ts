import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { shopTokenPolicy } from '../../../platform/shop-token-policy';
import type { ShopRecord } from '../../../platform/table';
import { apiGatewayEvent, guest, user, type TestIdentity } from '../../support/api-gateway-event';
import { call, startPlatform, testSubs, writtenBetween, type HandlerFactory, type TestPlatform } from '../harness';

let platform: TestPlatform;
let rotateShopToken: HandlerFactory;
let listProducts: HandlerFactory;

const graceSeconds = 45;

beforeAll(async () => {
  platform = await startPlatform({ env: { SHOP_TOKEN_GRACE_SECONDS: String(graceSeconds) } });
  ({ rotateShopToken } = await import('../../../lambdas/handlers/rotate-shop-token'));
  ({ listProducts } = await import('../../../lambdas/handlers/list-products'));
});
afterAll(() => platform.stop());
beforeEach(() => platform.clock.advance(1000));

const rotateRequest = (id: string, identity: TestIdentity) =>
  apiGatewayEvent({ method: 'POST', resource: '/shop/{id}/token', pathParameters: { id }, identity });
const owner1 = user(testSubs.shop1Owner, 'ShopOwnerRole');
const tokenShape = new RegExp(`^[${shopTokenPolicy.alphabet}]{${shopTokenPolicy.length}}$`);

async function storedShop(shopId: string): Promise<ShopRecord> {
  const { Item } = await platform.documents.send(
    new GetCommand({ TableName: platform.dynalite.tableName, Key: { PK: `SHOP#${shopId}`, SK: 'SHOP' } }),
  );
  return Item as ShopRecord;
}

describe('POST /shop/{id}/token', () => {
  it("issues the shop's first token", async () => {
    const answer = await call(platform, rotateShopToken, rotateRequest('0001', owner1));
    expect(answer.statusCode).toBe(200);
    expect(Object.keys(answer.json)).toEqual(['shopToken']);
    expect(answer.json.shopToken).toMatch(tokenShape);
    const shop = await storedShop('0001');
    expect(shop.shopToken).toBe(answer.json.shopToken);
    expect(shop.previousShopToken).toBeUndefined();
    expect(shop.shopTokenRotatedAt).toBe(new Date(platform.clock.now).toISOString());
  });

  it('keeps the previous token for the configured grace window (SHOP_TOKEN_GRACE_SECONDS)', async () => {
    const before = await storedShop('0001');
    const answer = await call(platform, rotateShopToken, rotateRequest('0001', owner1));
    const after = await storedShop('0001');
    expect(after).toMatchObject({
      shopToken: answer.json.shopToken,
      previousShopToken: before.shopToken,
      previousShopTokenValidUntil: platform.clock.now + graceSeconds * 1000,
    });
    const withPrevious = () =>
      call(platform, listProducts, apiGatewayEvent({ method: 'GET', resource: '/products', query: { shopId: '0001', shopToken: before.shopToken! }, identity: guest() }));
    platform.clock.advance(graceSeconds * 1000 - 1);
    expect((await withPrevious()).statusCode).toBe(200);
    platform.clock.advance(1);
    expect((await withPrevious()).statusCode).toBe(401);
  });

  it('never cuts a grace window short when rotations race: one of six rotates, five answer 409, the token shown before keeps its grace', async () => {
    const owner2 = user(testSubs.shop2Owner, 'ShopOwnerRole');
    expect((await storedShop('0002')).shopToken).toBeUndefined();
    expect((await call(platform, rotateShopToken, rotateRequest('0002', owner2))).statusCode).toBe(200);
    const shown = (await storedShop('0002')).shopToken;

    const answers = await Promise.all(Array.from({ length: 6 }, () => call(platform, rotateShopToken, rotateRequest('0002', owner2))));
    const rotated = answers.filter((answer) => answer.statusCode === 200);
    expect(rotated).toHaveLength(1);
    expect(answers.filter((answer) => answer.statusCode !== 200).map((answer) => ({ statusCode: answer.statusCode, json: answer.json }))).toEqual(
      Array(5).fill({
        statusCode: 409,
        json: { message: `The token of shop 0002 was rotated moments ago and its previous token is still in its grace period; rotate again in ${graceSeconds} s` },
      }),
    );
    expect(await storedShop('0002')).toMatchObject({
      shopToken: rotated[0].json.shopToken,
      previousShopToken: shown,
      previousShopTokenValidUntil: platform.clock.now + graceSeconds * 1000,
    });
  });

  it('rotates again once the grace window is over', async () => {
    const owner2 = user(testSubs.shop2Owner, 'ShopOwnerRole');
    const before = await storedShop('0002');
    platform.clock.advance(graceSeconds * 1000 - 1000);
    const answer = await call(platform, rotateShopToken, rotateRequest('0002', owner2));
    expect(answer.statusCode).toBe(200);
    expect(await storedShop('0002')).toMatchObject({ shopToken: answer.json.shopToken, previousShopToken: before.shopToken });
  });

  it.each([
    ["another shop's owner", user(testSubs.shop2Owner, 'ShopOwnerRole')],
    ['a registered customer', user(testSubs.registeredCustomer1)],
    ['a guest', guest()],
    ['an administrator', user(testSubs.admin, 'AdminRole')],
  ])('answers 403 to %s and changes nothing', async (_, identity) => {
    const before = await platform.scanAll();
    const answer = await call(platform, rotateShopToken, rotateRequest('0001', identity));
    expect(answer.statusCode).toBe(403);
    expect(writtenBetween(before, await platform.scanAll())).toEqual([]);
  });

  it('answers 404 to an owner whose shop does not exist, and creates nothing', async () => {
    const sub = '0e0e0e0e-0e0e-4e0e-8e0e-0e0e0e0e0e0e';
    platform.users.set(sub, { role: 'shop_owner', shopId: '0888' });
    const before = await platform.scanAll();
    const answer = await call(platform, rotateShopToken, rotateRequest('0888', user(sub, 'ShopOwnerRole')));
    expect(answer).toMatchObject({ statusCode: 404, json: { message: 'Shop 0888 not found' } });
    expect(writtenBetween(before, await platform.scanAll())).toEqual([]);
  });
});
