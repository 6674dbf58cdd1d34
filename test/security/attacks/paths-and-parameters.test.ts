import { testUsers } from '../../../platform/test-users';
import { expectNoDataChange } from '../../support/business-data';
import { startOfflinePlatform, type OfflinePlatform } from '../../support/offline-platform';
import { signRequest, type AwsCredentials } from '../../support/signed-fetch';
import { sendRaw, sendSigned, type Answer } from './support';

/**
 * Attacks on how a request's path and query are read: dot segments, encoded
 * slashes, empty segments and other stages sent raw (fetch and the SDKs would
 * normalise them away), repeated and oversized parameters. A signature covers
 * the path as signers normalise it, so a path that is not canonical must be
 * refused before it is routed or authorized, whoever signed it.
 */
let platform: OfflinePlatform;
let customer: AwsCredentials;
let admin: AwsCredentials;
let shop1Owner: AwsCredentials;
let shopToken: string;

beforeAll(async () => {
  platform = await startOfflinePlatform();
  customer = await platform.credentials({ email: testUsers.registeredCustomer1.email });
  admin = await platform.credentials({ email: testUsers.admin.email });
  shop1Owner = await platform.credentials({ email: testUsers.shop1Owner.email });
  shopToken = await platform.shopToken('0001');
});

afterAll(async () => {
  await platform.close();
});

/**
 * The attacker's own client: signs `signedPath` (after the signer's
 * normalisation) and puts `sentPath` on the wire as written.
 */
const attack = (who: AwsCredentials, sentPath: string, options: { signedPath?: string; method?: string } = {}) =>
  sendSigned(platform.endpoint, who, { method: options.method, path: options.signedPath ?? sentPath }, (signed) => ({
    ...signed,
    path: sentPath,
  }));

const expectBadPath = (answer: Answer, reason: string) => {
  expect([answer.status, answer.errorType]).toEqual([400, 'BadRequestException']);
  expect(answer.message).toBe(`Invalid request path: ${reason}`);
};
const dotSegment = 'the path has a . or .. segment';
const encodedSlash = 'the path has an encoded slash, backslash or NUL';
const emptySegment = 'the path has an empty segment (// or a trailing /)';
const wrongToken = () => (shopToken === 'ABCDEFGHJK' ? 'KJHGFEDCBA' : 'ABCDEFGHJK');

it('control: the canonical request succeeds, so every refusal below is caused by its path or parameters', async () => {
  const answer = await attack(customer, `/prod/products?shopId=0001&shopToken=${shopToken}`);
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({ shopId: '0001', productsList: expect.any(Array) });
});

describe('path traversal', () => {
  it('refuses /prod/order/x/../../service-stats from a customer before routing', async () => {
    expectBadPath(await attack(customer, '/prod/order/x/../../service-stats'), dotSegment);
  });

  it("refuses the .. path even with an admin's valid signature for /prod/service-stats", async () => {
    const signed = await signRequest(platform.endpoint, admin, { path: '/prod/service-stats' });
    // Signers normalise dot segments, so this signature covers the .. path too; the path is
    // refused before routing, so no valid signature makes a non-canonical path work.
    expectBadPath(await sendRaw(platform.endpoint, { ...signed, path: '/prod/order/x/../../service-stats' }), dotSegment);
    expect((await sendRaw(platform.endpoint, signed)).status).toBe(200);
  });

  it('refuses percent-encoded dot segments (%2E%2E, %2e%2e)', async () => {
    expectBadPath(await attack(customer, '/prod/order/x/%2E%2E/%2e%2e/service-stats', { signedPath: '/prod/service-stats' }), dotSegment);
  });

  it("refuses a shop owner rotating another shop's token through a .. path, and writes nothing", async () => {
    const answer = await expectNoDataChange(platform.endpoint, () =>
      attack(shop1Owner, '/prod/shop/0001/../0002/token', { method: 'POST', signedPath: '/prod/shop/0002/token' }),
    );
    expectBadPath(answer, dotSegment);
  });

  it('refuses an absolute-form request target', async () => {
    expectBadPath(await attack(customer, `${platform.endpoint}/prod/orders`, { signedPath: '/prod/orders' }), 'the path must start with /');
  });
});

describe('encoded slashes and empty segments', () => {
  it('refuses %2F inside an order id (/prod/order/abc%2Fdef)', async () => {
    expectBadPath(await attack(customer, '/prod/order/abc%2Fdef'), encodedSlash);
  });

  it("refuses %2F in shop 0001's owner's shop id (/prod/shop/0001%2F..%2F0002/orders)", async () => {
    expectBadPath(await attack(shop1Owner, '/prod/shop/0001%2F..%2F0002/orders'), encodedSlash);
  });

  it('refuses // inside the path (/prod//orders)', async () => {
    expectBadPath(await attack(customer, '/prod//orders'), emptySegment);
  });

  it('refuses a trailing / (/prod/orders/)', async () => {
    expectBadPath(await attack(customer, '/prod/orders/', { signedPath: '/prod/orders' }), emptySegment);
  });

  it('refuses // before the stage (//prod/orders)', async () => {
    expectBadPath(await attack(customer, '//prod/orders', { signedPath: '/prod/orders' }), 'the path names no stage');
  });
});

describe('percent-encoded letters: IAM evaluates the path it is routed by', () => {
  it("judges shop 0002's owner's /prod/shop/0001/%73ales as /shop/0001/sales: the IAM 403 names the decoded resource", async () => {
    const shop2Owner = await platform.credentials({ email: testUsers.shop2Owner.email });
    const answer = await attack(shop2Owner, '/prod/shop/0001/%73ales');
    expect(answer.status).toBe(403);
    expect(answer.message).toMatch(/is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:[^ ]+\/prod\/GET\/shop\/0001\/sales$/);
  });

  it("serves shop 0001's owner /prod/shop/0001/%73%61%6C%65%73 as the sales of shop 0001 (authorized and routed alike)", async () => {
    const answer = await attack(shop1Owner, '/prod/shop/0001/%73%61%6C%65%73');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ shopId: '0001' });
  });
});

describe('stages', () => {
  // API Gateway answers a path no deployed resource has with Missing Authentication Token.
  it.each(['beta', 'PROD'])('refuses the stage %s, which is not deployed, with Missing Authentication Token', async (stage) => {
    const answer = await attack(customer, `/${stage}/products?shopId=0001&shopToken=${shopToken}`);
    expect([answer.status, answer.errorType, answer.body]).toEqual([
      403,
      'MissingAuthenticationTokenException',
      { message: 'Missing Authentication Token' },
    ]);
  });
});

describe('repeated query parameters', () => {
  const expectRepeated = (answer: Answer, name: string) => {
    expect(answer.status).toBe(400);
    expect(answer.message).toBe(`Query parameter '${name}' must be given at most once`);
  };

  it('refuses a wrong shopToken sent before the right one: 400, nobody admitted', async () => {
    expectRepeated(await attack(customer, `/prod/products?shopId=0001&shopToken=${wrongToken()}&shopToken=${shopToken}`), 'shopToken');
  });

  it('refuses the right shopToken sent before a wrong one: 400, neither value wins', async () => {
    expectRepeated(await attack(customer, `/prod/products?shopId=0001&shopToken=${shopToken}&shopToken=${wrongToken()}`), 'shopToken');
  });

  it('refuses a second shopToken hidden by percent-encoding its name (shop%54oken)', async () => {
    expectRepeated(await attack(customer, `/prod/products?shopId=0001&shopToken=${shopToken}&shop%54oken=${wrongToken()}`), 'shopToken');
  });

  it("refuses a repeated shopId that would pair shop 0001's token with shop 0002", async () => {
    expectRepeated(await attack(customer, `/prod/products?shopId=0002&shopId=0001&shopToken=${shopToken}`), 'shopId');
  });

});

describe('oversized ids and parameters', () => {
  it('answers a 10,000-character order id as any unknown order: 404', async () => {
    const answer = await attack(customer, `/prod/order/${'a'.repeat(10_000)}`);
    expect([answer.status, answer.message]).toEqual([404, 'Order not found']);
  });

  it('refuses a 10,000-character shopId on /prod/products with 400 naming shopId', async () => {
    const answer = await attack(customer, `/prod/products?shopId=${'1'.repeat(10_000)}&shopToken=${shopToken}`);
    expect(answer.status).toBe(400);
    expect(answer.message).toMatch(/^Invalid query parameter 'shopId': must match pattern/);
  });

  it('refuses a 10,000-character shopToken with 400 naming shopToken', async () => {
    const answer = await attack(customer, `/prod/products?shopId=0001&shopToken=${'A'.repeat(10_000)}`);
    expect(answer.status).toBe(400);
    expect(answer.message).toMatch(/^Invalid query parameter 'shopToken': must match pattern/);
  });

  it('refuses a 12,000-character nextToken with 400 naming its limit', async () => {
    const answer = await attack(customer, `/prod/orders?nextToken=${'a'.repeat(12_000)}`);
    expect(answer.status).toBe(400);
    expect(answer.message).toBe("Invalid query parameter 'nextToken': must NOT have more than 2048 characters");
  });

  it('refuses a query string longer than the server reads (20,000 characters) with 431, and keeps serving', async () => {
    // Node's parser refuses it before the front door runs; the runtime still answers in JSON.
    const signed = await signRequest(platform.endpoint, customer, { path: `/prod/orders?nextToken=${'a'.repeat(20_000)}` });
    const response = await fetch(new URL(signed.path, platform.endpoint), { headers: signed.headers });
    expect([response.status, response.statusText, await response.json()]).toEqual([
      431,
      'Request Header Fields Too Large',
      { message: 'Request Header Fields Too Large' },
    ]);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect((await attack(customer, '/prod/orders')).status).toBe(200);
  });
});
