import { seedProducts } from '../../../platform/seed';
import { shopTokenPolicy } from '../../../platform/shop-token-policy';
import { anonymous, apiGatewayEvent, guest, user, type TestIdentity } from '../../support/api-gateway-event';
import { call, giveShopToken, startPlatform, testSubs, writtenBetween, type HandlerFactory, type TestPlatform } from '../harness';

let platform: TestPlatform;
let listProducts: HandlerFactory;
let rotateShopToken: typeof import('../../../lambdas/domain/shop-token-rotation').rotateShopToken;

beforeAll(async () => {
  platform = await startPlatform();
  ({ listProducts } = await import('../../../lambdas/handlers/list-products'));
  ({ rotateShopToken } = await import('../../../lambdas/domain/shop-token-rotation'));
});
afterAll(() => platform.stop());

const shop1Token = 'K7QX4M2PZ9';
const shop2Token = 'B3CD4EF5GH';

beforeEach(async () => {
  platform.clock.now += 3_600_000;
  await giveShopToken(platform, '0001', shop1Token);
  await giveShopToken(platform, '0002', shop2Token);
});

const productsRequest = (query: Record<string, string | string[]>, identity: TestIdentity = guest()) =>
  apiGatewayEvent({ method: 'GET', resource: '/products', query, identity });

describe('GET /products', () => {
  it("answers a guest holding the shop token with the shop's products only", async () => {
    const answer = await call(platform, listProducts, productsRequest({ shopId: '0001', shopToken: shop1Token }));
    expect(answer.statusCode).toBe(200);
    expect(answer.json).toEqual({
      shopId: '0001',
      productsList: seedProducts.filter((product) => product.shopId === '0001'),
    });
    expect(answer.headers).toEqual({
      'Content-Type': 'application/json',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
  });

  it('answers a registered customer the same way', async () => {
    const answer = await call(platform, listProducts, productsRequest({ shopId: '0002', shopToken: shop2Token }, user(testSubs.registeredCustomer1)));
    expect(answer.statusCode).toBe(200);
    expect((answer.json.productsList as { productId: string }[]).map((p) => p.productId)).toEqual(['0021', '0022']);
  });

  it('never asks the user pool: the customer key needs no lookup', async () => {
    const before = platform.lookups.length;
    await call(platform, listProducts, productsRequest({ shopId: '0001', shopToken: shop1Token }, user(testSubs.registeredCustomer1)));
    expect(platform.lookups.length).toBe(before);
  });

  it.each([
    [{ shopId: '0001' }, "Missing required query parameter 'shopToken'"],
    [{ shopToken: shop1Token }, "Missing required query parameter 'shopId'"],
    [{ shopId: '0001', shopToken: 'k7qx4m2pz9' }, "Invalid query parameter 'shopToken': must match pattern"],
    [{ shopId: '0001', shopToken: '' }, "Invalid query parameter 'shopToken'"],
    [{ shopId: '../0001', shopToken: shop1Token }, "Invalid query parameter 'shopId': must match pattern"],
    [{ shopId: ['0001', '0002'], shopToken: shop1Token }, "Query parameter 'shopId' must be given at most once"],
    [{ shopId: '0001', shopToken: [shop1Token, shop1Token] }, "Query parameter 'shopToken' must be given at most once"],
    [{ shopId: '0001', shopToken: shop1Token, customerId: 'v#x' }, "Unknown query parameter 'customerId'"],
  ])('refuses %j with 400 naming the problem and writes nothing', async (query, message) => {
    const before = await platform.scanAll();
    const answer = await call(platform, listProducts, productsRequest(query));
    expect(answer.statusCode).toBe(400);
    expect(answer.json.message).toContain(message);
    expect(writtenBetween(before, await platform.scanAll())).toEqual([]);
  });

  it('answers 401 for a wrong token', async () => {
    const answer = await call(platform, listProducts, productsRequest({ shopId: '0001', shopToken: 'ZZZZZZZZZZ' }));
    expect(answer).toMatchObject({ statusCode: 401, json: { message: 'The shop token is wrong or has expired' } });
  });

  it("answers 401 for another shop's token", async () => {
    const answer = await call(platform, listProducts, productsRequest({ shopId: '0001', shopToken: shop2Token }));
    expect(answer.statusCode).toBe(401);
  });

  it('answers 404 for an unknown shop', async () => {
    const answer = await call(platform, listProducts, productsRequest({ shopId: '0099', shopToken: shop1Token }));
    expect(answer).toMatchObject({ statusCode: 404, json: { message: 'Shop 0099 not found' } });
  });

  it('refuses every token while the shop has none yet', async () => {
    await platform.putItems([{ PK: 'SHOP#0100', SK: 'SHOP', entityType: 'shop', shopId: '0100', name: 'New', phoneNumber: '+41440000100', address: 'x' }]);
    const answer = await call(platform, listProducts, productsRequest({ shopId: '0100', shopToken: shop1Token }));
    expect(answer.statusCode).toBe(401);
  });

  it.each([
    ['no identity at all', anonymous],
    ['an unknown authentication type', { kind: 'custom', identity: { cognitoAuthenticationType: 'developer', cognitoIdentityId: 'eu-central-1:0b5d3f3e-1c1e-4a5b-9a53-3e2f6cf3b8a1' } }],
    ['a guest without identity id', { kind: 'custom', identity: { cognitoAuthenticationType: 'unauthenticated' } }],
    ['a signed-in user without a user-pool sign-in', { kind: 'custom', identity: { cognitoAuthenticationType: 'authenticated', cognitoAuthenticationProvider: 'graph.facebook.com' } }],
  ] as [string, TestIdentity][])('answers 403 to %s', async (_, identity) => {
    const answer = await call(platform, listProducts, productsRequest({ shopId: '0001', shopToken: shop1Token }, identity));
    expect(answer.statusCode).toBe(403);
    expect(answer.json.message).toMatch(/identity/);
  });
});

/** Rotates 0001's token as the owner or the schedule would, and returns the new token. */
async function rotated(nowMs: number, graceMs: number): Promise<string> {
  const result = await rotateShopToken(platform.deps.table, '0001', { nowMs, graceMs });
  if (result.outcome !== 'rotated') throw new Error(`expected a rotation, got ${JSON.stringify(result)}`);
  return result.shopToken;
}

describe('shop token rotation seen by customers', () => {
  const grace = 120_000;

  it('keeps accepting the previous token for the grace window, and nothing older', async () => {
    const rotatedAt = platform.clock.now;
    const first = await rotated(rotatedAt, grace);
    const asks = (token: string) => call(platform, listProducts, productsRequest({ shopId: '0001', shopToken: token }));

    expect((await asks(first)).statusCode).toBe(200);
    expect((await asks(shop1Token)).statusCode).toBe(200);
    platform.clock.now = rotatedAt + grace - 1;
    expect((await asks(shop1Token)).statusCode).toBe(200);
    platform.clock.now = rotatedAt + grace;
    expect((await asks(shop1Token)).statusCode).toBe(401);
    expect((await asks(first)).statusCode).toBe(200);

    const second = await rotated(platform.clock.now, grace);
    expect((await asks(second)).statusCode).toBe(200);
    expect((await asks(first)).statusCode).toBe(200);
    // Two rotations back is never accepted, even inside the newest grace window.
    expect((await asks(shop1Token)).statusCode).toBe(401);
  });
});

describe('token-guess throttling', () => {
  const budget = shopTokenPolicy.maxFailedAttemptsPerRotation;

  it(`answers 429 after ${budget} wrong tokens, even to the right one, until the token rotates`, async () => {
    const guesser = guest();
    const asks = (token: string, identity = guesser) =>
      call(platform, listProducts, productsRequest({ shopId: '0001', shopToken: token }, identity));

    for (let attempt = 0; attempt < budget; attempt++) {
      const wrongToken = `ZZZZZZZZZ${shopTokenPolicy.alphabet[attempt]}`;
      expect((await asks(wrongToken)).statusCode).toBe(401);
    }
    const blocked = await asks(shop1Token);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json.message).toMatch(/Too many wrong shop tokens/);
    expect((await asks('ZZZZZZZZZZ')).statusCode).toBe(429);

    // The budget is per caller and per shop.
    expect((await asks(shop1Token, guest())).statusCode).toBe(200);
    expect((await call(platform, listProducts, productsRequest({ shopId: '0002', shopToken: shop2Token }, guesser))).statusCode).toBe(200);

    // The last rotation's grace window must be over before the token rotates again.
    platform.clock.advance(120_000);
    const fresh = await rotated(platform.clock.now, 120_000);
    expect((await asks(fresh)).statusCode).toBe(200);
  });

  it('does not count right tokens against the budget', async () => {
    const regular = guest();
    for (let visit = 0; visit < budget + 5; visit++) {
      expect((await call(platform, listProducts, productsRequest({ shopId: '0001', shopToken: shop1Token }, regular))).statusCode).toBe(200);
    }
  });

  it('keeps the counter in a THROTTLE item per customer, shop and rotation that expires a day later', async () => {
    const identityUuid = '0b5d3f3e-1c1e-4a5b-9a53-3e2f6cf3b8a1';
    const before = await platform.scanAll();
    await call(platform, listProducts, productsRequest({ shopId: '0001', shopToken: 'ZZZZZZZZZZ' }, guest(identityUuid)));
    const written = writtenBetween(before, await platform.scanAll());
    expect(written).toEqual([
      {
        PK: `THROTTLE#v#${identityUuid}`,
        SK: `SHOP#0001#${new Date(platform.clock.now).toISOString()}`,
        failedAttempts: 1,
        expiration: Math.floor(platform.clock.now / 1000) + 86_400,
      },
    ]);
  });

  it('marks a caller who showed the right token admitted for the rotation, and their later calls write nothing', async () => {
    const identityUuid = '5e0c7d21-8a4f-4f7e-b1a2-6c9d0e3f4a5b';
    const regular = guest(identityUuid);
    const asks = (token: string) => call(platform, listProducts, productsRequest({ shopId: '0001', shopToken: token }, regular));
    const throttleItem = {
      PK: `THROTTLE#v#${identityUuid}`,
      SK: `SHOP#0001#${new Date(platform.clock.now).toISOString()}`,
      failedAttempts: 0,
      admitted: true,
      expiration: Math.floor(platform.clock.now / 1000) + 86_400,
    };

    const beforeFirst = await platform.scanAll();
    expect((await asks(shop1Token)).statusCode).toBe(200);
    expect(writtenBetween(beforeFirst, await platform.scanAll())).toEqual([throttleItem]);

    // A reservation would move the expiration with the clock; a given-back one would leave the count alone.
    platform.clock.advance(5_000);
    const beforeLater = await platform.scanAll();
    for (let visit = 0; visit < 3; visit++) expect((await asks(shop1Token)).statusCode).toBe(200);
    expect(writtenBetween(beforeLater, await platform.scanAll())).toEqual([]);

    // A wrong token from an admitted caller is reserved and counted like anyone's.
    expect((await asks('ZZZZZZZZZZ')).statusCode).toBe(401);
    expect(writtenBetween(beforeLater, await platform.scanAll())).toEqual([
      { ...throttleItem, failedAttempts: 1, expiration: Math.floor(platform.clock.now / 1000) + 86_400 },
    ]);
  });

  it('does not carry the admission over to the next rotation', async () => {
    const identityUuid = '9f1e2d3c-4b5a-4678-9abc-def012345678';
    const regular = guest(identityUuid);
    expect((await call(platform, listProducts, productsRequest({ shopId: '0001', shopToken: shop1Token }, regular))).statusCode).toBe(200);
    platform.clock.advance(120_000);
    const fresh = await rotated(platform.clock.now, 0);
    for (let attempt = 0; attempt < budget; attempt++) {
      const wrongToken = `XXXXXXXXX${shopTokenPolicy.alphabet[attempt]}`;
      expect((await call(platform, listProducts, productsRequest({ shopId: '0001', shopToken: wrongToken }, regular))).statusCode).toBe(401);
    }
    expect((await call(platform, listProducts, productsRequest({ shopId: '0001', shopToken: fresh }, regular))).statusCode).toBe(429);
  });

  it('cannot be outrun by concurrent guesses', async () => {
    const guesser = guest();
    const answers = await Promise.all(
      Array.from({ length: budget * 3 }, () =>
        call(platform, listProducts, productsRequest({ shopId: '0001', shopToken: 'YYYYYYYYYY' }, guesser)),
      ),
    );
    const statuses = answers.map((answer) => answer.statusCode);
    expect(statuses.filter((status) => status === 401)).toHaveLength(budget);
    expect(statuses.filter((status) => status === 429)).toHaveLength(budget * 2);
  });
});
