import { AdminDisableUserCommand, AdminUpdateUserAttributesCommand } from '@aws-sdk/client-cognito-identity-provider';
import { randomUUID } from 'node:crypto';
import { iamRoleName, type CallerRole } from '../../../platform/caller-roles';
import { seedOrders } from '../../../platform/seed';
import { testUsers } from '../../../platform/test-users';
import { expectNoDataChange } from '../../support/business-data';
import { startOfflinePlatform, type OfflinePlatform } from '../../support/offline-platform';
import type { ApiAnswer, AwsCredentials } from '../../support/signed-fetch';
import { validOrder } from './support-input';

/**
 * One tenant must never reach another's data: shop owners are held to their own
 * shop by IAM, and orders answer only their customer and their shop's owner —
 * to anyone else exactly as an id that does not exist.
 */
let platform: OfflinePlatform;
let shop1Owner: AwsCredentials;
let shop2Owner: AwsCredentials;
let customer: AwsCredentials;
let secondCustomer: AwsCredentials;
let ownerWithoutShop: AwsCredentials;
let guest: AwsCredentials;

beforeAll(async () => {
  platform = await startOfflinePlatform();
  const second = await platform.createUser('second.customer@example.com', { 'custom:role': 'customer' });
  const noShop = await platform.createUser('owner.noshop@example.com', { 'custom:role': 'shop_owner' });
  [shop1Owner, shop2Owner, customer, secondCustomer, ownerWithoutShop, guest] = await Promise.all([
    platform.credentials({ email: testUsers.shop1Owner.email }),
    platform.credentials({ email: testUsers.shop2Owner.email }),
    platform.credentials({ email: testUsers.registeredCustomer1.email }),
    platform.credentials(second),
    platform.credentials(noShop),
    platform.credentials({ guest: true }),
  ]);
});

afterAll(async () => {
  await platform.close();
});

const shopRoutes = [
  { route: 'GET shop', method: 'GET', suffix: '' },
  { route: 'GET orders', method: 'GET', suffix: '/orders' },
  { route: 'GET sales', method: 'GET', suffix: '/sales' },
  { route: 'POST token', method: 'POST', suffix: '/token' },
] as const;

/** API Gateway's refusal when the caller's role policy does not allow the method. */
function deniedAtIam(role: CallerRole, method: string, path: string) {
  const { settings, runtime } = platform;
  const { accountId, apiId } = runtime.outputs;
  const principal = `arn:aws:sts::${accountId}:assumed-role/${iamRoleName(settings.prefix, role)}/CognitoIdentityCredentials`;
  const resource = `arn:aws:execute-api:${settings.region}:${accountId}:${apiId}/prod/${method}${path}`;
  return { status: 403, body: { Message: `User: ${principal} is not authorized to perform: execute-api:Invoke on resource: ${resource}` } };
}

const statusAndBody = ({ status, body }: ApiAnswer) => ({ status, body });
const orderNotFound = { status: 404, body: { message: 'Order not found' } };
const readOrder = (who: AwsCredentials, orderId: string) => platform.call(who, { path: `/prod/order/${encodeURIComponent(orderId)}` });

describe('a shop owner is held to their own shop', () => {
  it.each(shopRoutes)('shop1 owner reaches $route of their own shop 0001 (positive control)', async ({ method, suffix }) => {
    expect((await platform.call(shop1Owner, { method, path: `/prod/shop/0001${suffix}` })).status).toBe(200);
  });

  it.each(shopRoutes)('shop1 owner: $route of shop 0002 → 403 at IAM', async ({ method, suffix }) => {
    const answer = await expectNoDataChange(platform.endpoint, () => platform.call(shop1Owner, { method, path: `/prod/shop/0002${suffix}` }));
    expect(statusAndBody(answer)).toEqual(deniedAtIam('shopOwner', method, `/shop/0002${suffix}`));
  });

  // 00011 starts with the owner's own id: a prefix match would let it through.
  it.each(shopRoutes)('shop1 owner: $route of shop 00011 → 403 at IAM', async ({ method, suffix }) => {
    const answer = await expectNoDataChange(platform.endpoint, () => platform.call(shop1Owner, { method, path: `/prod/shop/00011${suffix}` }));
    expect(statusAndBody(answer)).toEqual(deniedAtIam('shopOwner', method, `/shop/00011${suffix}`));
  });

  it.each(shopRoutes)('a shop owner without custom:shopId: $route of shop 0001 → 403 at IAM', async ({ method, suffix }) => {
    const answer = await expectNoDataChange(platform.endpoint, () => platform.call(ownerWithoutShop, { method, path: `/prod/shop/0001${suffix}` }));
    // The role is the shop owners' one: it is the missing shopId tag that matches no shop.
    expect(statusAndBody(answer)).toEqual(deniedAtIam('shopOwner', method, `/shop/0001${suffix}`));
  });

  it('a shop owner without custom:shopId still lists products, orders and reads their orders as a customer (positive control)', async () => {
    const token = await platform.shopToken('0001');
    expect((await platform.call(ownerWithoutShop, { path: `/prod/products?shopId=0001&shopToken=${token}` })).status).toBe(200);
    const placed = await platform.call(ownerWithoutShop, { method: 'POST', path: `/prod/order?shopToken=${token}`, body: JSON.stringify(validOrder()) });
    expect(placed.status).toBe(201);
    const { orderId } = placed.body as { orderId: string };
    expect((await readOrder(ownerWithoutShop, orderId)).status).toBe(200);
    const mine = await platform.call(ownerWithoutShop, { path: '/prod/orders' });
    expect((mine.body as { orders: Array<{ orderId: string }> }).orders.map((order) => order.orderId)).toEqual([orderId]);
  });
});

describe("another caller's order answers exactly as an unknown id", () => {
  const customerOrderInShop1 = seedOrders.find((order) => order.customer === 'registeredCustomer1' && order.shopId === '0001')!;

  it("the order's customer and the owner of its shop read it (positive control)", async () => {
    expect((await readOrder(customer, customerOrderInShop1.orderId)).status).toBe(200);
    expect((await readOrder(shop1Owner, customerOrderInShop1.orderId)).status).toBe(200);
  });

  it.each(seedOrders.map((order) => [order.orderId, order.shopId]))(
    "a second customer reading registeredcustomer1's order %s (shop %s) → 404 Order not found, as an unknown id",
    async (orderId) => {
      const unknown = await readOrder(secondCustomer, randomUUID());
      const foreign = await readOrder(secondCustomer, orderId);
      expect(statusAndBody(foreign)).toEqual(orderNotFound);
      expect(statusAndBody(foreign)).toEqual(statusAndBody(unknown));
      expect(foreign.headers.get('content-type')).toBe(unknown.headers.get('content-type'));
    },
  );

  it("a guest reading a registered customer's order → 404 Order not found", async () => {
    expect(statusAndBody(await readOrder(guest, customerOrderInShop1.orderId))).toEqual(orderNotFound);
  });

  it('shop2 owner reading an order of shop 0001 → 404 Order not found', async () => {
    expect(statusAndBody(await readOrder(shop2Owner, customerOrderInShop1.orderId))).toEqual(orderNotFound);
  });
});

describe('order ids cannot be enumerated', () => {
  const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  async function answersTo(who: AwsCredentials, orderIds: readonly string[]) {
    const answers: Array<{ orderId: string; status: number; body: unknown }> = [];
    for (let start = 0; start < orderIds.length; start += 20) {
      const batch = orderIds.slice(start, start + 20);
      answers.push(...(await Promise.all(batch.map(async (orderId) => ({ orderId, ...statusAndBody(await readOrder(who, orderId)) })))));
    }
    return answers;
  }

  /** Ids a prober would try first: tiny numbers, zero-padded counters, neighbours of a real id. */
  function sequentialLookingIds(realId: string): string[] {
    const neighbour = (delta: number) => {
      const last = realId.slice(-12);
      const next = (BigInt(`0x${last}`) + BigInt(delta)).toString(16).padStart(12, '0');
      return `${realId.slice(0, -12)}${next}`;
    };
    return [
      '0', '1', '2', '42', '1000', '-1', 'a', '0001', '00000000',
      '00000000-0000-0000-0000-000000000000', '00000000-0000-0000-0000-000000000001',
      '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002',
      'ffffffff-ffff-4fff-bfff-ffffffffffff',
      neighbour(1), neighbour(-1), neighbour(2),
      realId.toUpperCase(), realId.replace(/-/g, ''), `${realId} `, `ORDER#${realId}`, `${realId}*`,
    ];
  }

  it.each([
    ['a customer', () => secondCustomer],
    ['a shop owner', () => shop1Owner],
  ])('200 random UUID v4 ids as %s: every answer 404 with the same body', async (_who, who) => {
    const ids = Array.from({ length: 200 }, () => randomUUID());
    const answers = await answersTo(who(), ids);
    expect(answers.filter((answer) => answer.status !== 404 || JSON.stringify(answer.body) !== JSON.stringify(orderNotFound.body))).toEqual([]);
  });

  it.each([
    ['a customer', () => secondCustomer, seedOrders[0].orderId],
    // Shop 0002's owner may read the seed order of 0002: its neighbours are the tempting ones.
    ['a shop owner', () => shop2Owner, seedOrders.find((order) => order.shopId === '0002')!.orderId],
  ])('sequential-looking, short and near-miss ids as %s: every answer 404 with the same body', async (_who, who, realId) => {
    const answers = await answersTo(who(), sequentialLookingIds(realId));
    expect(answers.filter((answer) => answer.status !== 404 || JSON.stringify(answer.body) !== JSON.stringify(orderNotFound.body))).toEqual([]);
  });

  it('real order ids are random UUID v4s, not a sequence', async () => {
    const token = await platform.shopToken('0001');
    const ids: string[] = [];
    for (let index = 0; index < 8; index++) {
      const placed = await platform.call(secondCustomer, { method: 'POST', path: `/prod/order?shopToken=${token}`, body: JSON.stringify(validOrder()) });
      ids.push((placed.body as { orderId: string }).orderId);
    }
    for (const id of ids) expect(id).toMatch(uuidV4);
    // 122 random bits: two ids placed one after the other share few hex digits, a counter shares almost all.
    const randomDigits = (id: string) => id.replace(/-/g, '').split('').filter((_digit, index) => index !== 12 && index !== 16);
    const sharedDigits = ids.slice(1).map((id, index) => {
      const [previous, current] = [randomDigits(ids[index]), randomDigits(id)];
      return current.filter((digit, position) => digit === previous[position]).length;
    });
    expect(new Set(ids).size).toBe(ids.length);
    expect(Math.max(...sharedDigits)).toBeLessThan(12);
  });
});

describe('a demoted or disabled shop owner loses the shop within SHOP_USER_CACHE_SECONDS', () => {
  // Their identity-pool credentials stay valid for up to an hour, and IAM still lets the
  // shop-owner role through; the handler's user-pool check is what ends their access.
  const demote = (email: string) =>
    platform.clients.idp.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: platform.runtime.outputs.userPoolId,
        Username: email,
        UserAttributes: [{ Name: 'custom:role', Value: 'customer' }],
      }),
    );
  const disable = (email: string) =>
    platform.clients.idp.send(new AdminDisableUserCommand({ UserPoolId: platform.runtime.outputs.userPoolId, Username: email }));

  it.each([
    ['demoted to customer', 'demoted.owner@example.com', demote],
    ['disabled', 'disabled.owner@example.com', disable],
  ])('an owner %s: 403 on GET /shop/0001 within the cache time, with the credentials they already hold', async (_how, email, change) => {
    const cacheSeconds = platform.settings.userCacheSeconds;
    expect(cacheSeconds).toBe(2); // the test stacks' setting: the default is 10 s
    const created = await platform.createUser(email, { 'custom:role': 'shop_owner', 'custom:shopId': '0001' });
    const owner = await platform.credentials(created);
    expect((await platform.call(owner, { path: '/prod/shop/0001' })).status).toBe(200);

    await change(email);
    const changedAt = Date.now();
    // When the refused call was sent, not when its answer came: on a busy machine an answer can take a while.
    let sentAt = Date.now();
    let answer = await platform.call(owner, { path: '/prod/shop/0001' });
    while (answer.status === 200 && Date.now() - changedAt < (cacheSeconds + 5) * 1000) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      sentAt = Date.now();
      answer = await platform.call(owner, { path: '/prod/shop/0001' });
    }
    expect({ status: answer.status, body: answer.body }).toEqual({
      status: 403,
      body: { message: 'Only the owner of shop 0001 may use this operation' },
    });
    expect(sentAt - changedAt).toBeLessThanOrEqual((cacheSeconds + 1) * 1000);
  }, 30_000);
});
