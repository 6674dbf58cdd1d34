import { generateShopToken } from '../../../lambdas/domain/shop-token';
import { shopTokenPolicy } from '../../../platform/shop-token-policy';
import { testUsers } from '../../../platform/test-users';
import { expectNoDataChange } from '../../support/business-data';
import { copyOfAppliedData } from '../../support/applied-data';
import { startOfflinePlatform, type OfflinePlatform } from '../../support/offline-platform';
import { rawRequest } from '../../support/raw-request';
import { synthesizedWith } from '../../support/test-stacks';
import { recordFigure } from '../../support/security-figures';
import type { ApiAnswer, AwsCredentials } from '../../support/signed-fetch';
import { validOrder } from './support-input';
import { rawSignIn, type SignInAnswer } from '../../support/raw-sign-in';
import { standardScryptCost } from '../../../offline/cognito-idp';

/**
 * Guessing a shop's token from outside the shop: one caller gets 10 wrong
 * tokens per shop per rotation, then even the right token answers 429 until
 * the token rotates — sequentially or all at once.
 */
let platform: OfflinePlatform;
let guesser: AwsCredentials & { identityId: string };
let shop1Owner: AwsCredentials;

beforeAll(async () => {
  // The sign-in floods below are about the password-work gate: hashing at the cost npm start uses.
  platform = await startOfflinePlatform({ scryptCost: standardScryptCost });
  [guesser, shop1Owner] = await Promise.all([
    platform.credentials({ guest: true }),
    platform.credentials({ email: testUsers.shop1Owner.email }),
  ]);
});

afterAll(async () => {
  await platform.close();
});

const statusAndBody = ({ status, body }: ApiAnswer) => ({ status, body });
const wrongToken = { status: 401, body: { message: 'The shop token is wrong or has expired' } };
const throttled = { status: 429, body: { message: 'Too many wrong shop tokens for this shop; try again after the shop token rotates' } };

/** A well-formed token that is not the shop's. */
async function wrongTokenFor(shopId: string): Promise<string> {
  const right = await platform.shopToken(shopId);
  let token = generateShopToken();
  while (token === right) token = generateShopToken();
  return token;
}

const listProducts = (who: AwsCredentials, shopId: string, token: string) =>
  platform.call(who, { path: `/prod/products?shopId=${shopId}&shopToken=${token}` });
const placeOrder = (who: AwsCredentials, token: string) =>
  platform.call(who, { method: 'POST', path: `/prod/order?shopToken=${token}`, body: JSON.stringify(validOrder('0001')) });

describe('shop-token guessing is bounded per caller, shop and rotation', () => {
  it('one guest: 10 wrong tokens for shop 0001 each answer 401', async () => {
    expect(shopTokenPolicy.maxFailedAttemptsPerRotation).toBe(10);
    const answers: unknown[] = [];
    for (let attempt = 0; attempt < shopTokenPolicy.maxFailedAttemptsPerRotation; attempt++) {
      answers.push(statusAndBody(await listProducts(guesser, '0001', await wrongTokenFor('0001'))));
    }
    expect(answers).toEqual(Array(10).fill(wrongToken));
  });

  it('the same guest: the 11th attempt on GET /products answers 429, even with the right token', async () => {
    expect(statusAndBody(await listProducts(guesser, '0001', await platform.shopToken('0001')))).toEqual(throttled);
    recordFigure('shopTokenGuessesPerRotation', shopTokenPolicy.maxFailedAttemptsPerRotation, 'wrong tokens one caller may send for one shop per rotation');
  });

  it('the same guest: POST /order answers 429 too, even with the right token, and writes nothing', async () => {
    const answer = await expectNoDataChange(platform.endpoint, async () => placeOrder(guesser, await platform.shopToken('0001')));
    expect(statusAndBody(answer)).toEqual(throttled);
  });

  it('another guest identity is not affected: the right token answers 200', async () => {
    const other = await platform.credentials({ guest: true });
    expect(other.identityId).not.toBe(guesser.identityId);
    expect((await listProducts(other, '0001', await platform.shopToken('0001'))).status).toBe(200);
  });

  it("another shop is not affected: the same guest lists shop 0002's products with its token (200)", async () => {
    expect((await listProducts(guesser, '0002', await platform.shopToken('0002'))).status).toBe(200);
  });

  it('after the owner rotates the token, the same guest uses the new token again (200 products, 201 order)', async () => {
    const rotated = await platform.call(shop1Owner, { method: 'POST', path: '/prod/shop/0001/token' });
    expect(rotated.status).toBe(200);
    const { shopToken } = rotated.body as { shopToken: string };
    expect((await listProducts(guesser, '0001', shopToken)).status).toBe(200);
    expect((await placeOrder(guesser, shopToken)).status).toBe(201);
  });

  it('concurrency cannot beat the bound: 30 parallel wrong guesses from one fresh guest → at most 10 answer 401, the rest 429', async () => {
    const racer = await platform.credentials({ guest: true });
    const guesses = await Promise.all(Array.from({ length: 30 }, () => wrongTokenFor('0001')));
    // Both operations at once: the budget is the shop's, whichever operation spends it.
    const answers = await expectNoDataChange(platform.endpoint, () =>
      Promise.all(guesses.map((token, index) => (index % 2 === 0 ? listProducts(racer, '0001', token) : placeOrder(racer, token)))),
    );
    const refused = answers.map(statusAndBody);
    const wrong = refused.filter((answer) => answer.status === 401);
    expect(wrong.length).toBeLessThanOrEqual(shopTokenPolicy.maxFailedAttemptsPerRotation);
    expect(wrong.every((answer) => JSON.stringify(answer) === JSON.stringify(wrongToken))).toBe(true);
    expect(refused.filter((answer) => answer.status !== 401)).toEqual(Array(30 - wrong.length).fill(throttled));
    expect(statusAndBody(await listProducts(racer, '0001', await platform.shopToken('0001')))).toEqual(throttled);
  });
});

/**
 * Flooding the API without valid credentials. On AWS the stage's web ACL (AWS
 * WAF) blocks an address that sends more than its rate limit; offline the same
 * rule is read from the stacks and applied per client address, and requests
 * that fail authentication never spend the throttle bucket that signed callers
 * share. Stacks with a small stage bucket (1 request/s, burst 5) and a web ACL
 * limit of 20 requests per address; the flood comes from other loopback addresses.
 */
describe('nobody without valid credentials can exhaust the API for everyone', () => {
  let limited: OfflinePlatform;
  let owner: AwsCredentials;

  beforeAll(async () => {
    const stacksDirectory = synthesizedWith({ SHOP_API_RATE_LIMIT: '1', SHOP_API_BURST_LIMIT: '5', SHOP_WAF_RATE_LIMIT: '20' });
    // Deployed onto a copy of the applied test stacks: the stage and its web ACL change, nothing else.
    limited = await startOfflinePlatform({ stacksDirectory, inMemory: false, dataDirectory: await copyOfAppliedData() });
    owner = await limited.credentials({ email: testUsers.shop1Owner.email });
  }, 120_000);

  afterAll(async () => {
    await limited?.close();
  });

  const forged = {
    authorization:
      'AWS4-HMAC-SHA256 Credential=AKIAFORGEDFORGEDFORG/20260101/eu-central-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=' +
      '0'.repeat(64),
    'x-amz-date': '20260101T000000Z',
  };

  it('15 requests with a forged Authorization header (all 403) leave the bucket to the shop owner, whose call answers 200', async () => {
    for (let index = 0; index < 15; index++) {
      const answer = await rawRequest(limited.endpoint, { path: '/prod/shop/0001', headers: forged, localAddress: '127.0.0.2' });
      expect(answer.status).toBe(403);
    }
    expect((await limited.call(owner, { path: '/prod/shop/0001' })).status).toBe(200);
  });

  it('control: the bucket does limit callers with valid credentials (the owner\'s burst of 12 meets 429)', async () => {
    const statuses = await Promise.all(Array.from({ length: 12 }, () => limited.call(owner, { path: '/prod/shop/0001' }).then((answer) => answer.status)));
    expect(statuses).toContain(429);
    await new Promise((resolve) => setTimeout(resolve, 2000)); // at 1 request/s, the next case finds tokens in the bucket again
  }, 20_000);

  it("an address past the web ACL's limit of 20 gets 403 Forbidden from the firewall, other addresses are served", async () => {
    const answers = [];
    for (let index = 0; index < 24; index++) answers.push(await rawRequest(limited.endpoint, { path: '/prod/orders', localAddress: '127.0.0.3' }));
    expect(answers.slice(0, 20).map((answer) => answer.json())).toEqual(Array(20).fill({ message: 'Missing Authentication Token' }));
    expect(answers.slice(20).map((answer) => [answer.status, answer.json()])).toEqual(Array(4).fill([403, { message: 'Forbidden' }]));
    expect((await limited.call(owner, { path: '/prod/shop/0001' })).status).toBe(200);
  });
});

/**
 * Password guessing against the user pool. The lock counts attempts atomically,
 * and password hashing runs a few at a time behind a bounded queue, so a flood of
 * sign-ins neither multiplies the guesses nor starves the rest of the platform.
 */
describe('sign-in floods are bounded', () => {
  const initiateAuth = (username: string, password: string): Promise<SignInAnswer> =>
    rawSignIn(platform.endpoint, platform.runtime.outputs.userPoolClientId, username, password);
  const incorrect = { status: 400, type: 'NotAuthorizedException', message: 'Incorrect username or password.' };
  const locked = { status: 400, type: 'NotAuthorizedException', message: 'Password attempts exceeded' };
  const busy = { status: 400, type: 'TooManyRequestsException', message: 'Rate exceeded' };

  it('40 wrong passwords at once for one user get five checks (as one after another would): 5 incorrect, 35 locked, then the right one is locked too', async () => {
    const user = await platform.createUser('parallel.guess@example.com', { 'custom:role': 'customer' });
    const answers = await Promise.all(Array.from({ length: 40 }, (_, index) => initiateAuth(user.email, `Wrong${index}Password`)));
    expect(answers.filter((answer) => answer.message === incorrect.message)).toEqual(Array(5).fill(incorrect));
    expect(answers.filter((answer) => answer.message !== incorrect.message)).toEqual(Array(35).fill(locked));
    expect(await initiateAuth(user.email, user.password)).toEqual(locked);
  });

  it('an unknown e-mail is locked after five wrong passwords exactly like a registered one', async () => {
    const answers: SignInAnswer[] = [];
    for (let attempt = 0; attempt < 6; attempt++) answers.push(await initiateAuth('nobody.here@example.com', `Wrong${attempt}Password`));
    expect(answers).toEqual([...Array(5).fill(incorrect), locked]);
  });

  it('200 sign-ins at once for unknown users: each answers incorrect or busy (never a 5xx), and a shop owner is served meanwhile', async () => {
    const flood = Promise.all(Array.from({ length: 200 }, (_, index) => initiateAuth(`flood${index}@example.com`, 'Flood1Password')));
    const during = await platform.call(shop1Owner, { path: '/prod/shop/0001' });
    const answers = await flood;
    expect(during.status).toBe(200);
    const refusedBusy = answers.filter((answer) => answer.type === busy.type);
    expect(answers.filter((answer) => answer.type !== busy.type)).toEqual(Array(200 - refusedBusy.length).fill(incorrect));
    expect(refusedBusy.length).toBeGreaterThan(0);
    expect(refusedBusy).toEqual(Array(refusedBusy.length).fill(busy));
  });
});

describe('racing token rotations cannot cut a grace period short', () => {
  it("ten rotations of shop 0002 at once: one 200, nine 409, and the token customers scanned before still opens the shop", async () => {
    const owner = await platform.credentials({ email: testUsers.shop2Owner.email });
    const customer = await platform.credentials({ guest: true });
    const scanned = await platform.shopToken('0002');
    const answers = await Promise.all(Array.from({ length: 10 }, () => platform.call(owner, { method: 'POST', path: '/prod/shop/0002/token' })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, ...Array(9).fill(409)]);
    expect(answers.filter((answer) => answer.status === 409).map((answer) => answer.body)).toEqual(
      Array(9).fill({ message: expect.stringMatching(/^The token of shop 0002 was rotated moments ago and its previous token is still in its grace period; rotate again in \d+ s$/) }),
    );
    const current = (answers.find((answer) => answer.status === 200)!.body as { shopToken: string }).shopToken;
    expect((await platform.call(customer, { path: `/prod/products?shopId=0002&shopToken=${scanned}` })).status).toBe(200);
    expect((await platform.call(customer, { path: `/prod/products?shopId=0002&shopToken=${current}` })).status).toBe(200);
  });
});
