import { testUsers } from '../../../platform/test-users';
import { startOfflinePlatform, type OfflinePlatform } from '../../support/offline-platform';

/**
 * CORS as the test stacks deploy it (SHOP_WEB_ORIGIN=https://shop.example):
 * the functions' answers, API Gateway's refusals and its preflights all name
 * the one origin, and only that one.
 */
let platform: OfflinePlatform;
let origin: string;

beforeAll(async () => {
  platform = await startOfflinePlatform();
  origin = platform.settings.webOrigin;
});
afterAll(() => platform.close());

const corsOf = (headers: Headers) => ({ origin: headers.get('access-control-allow-origin'), exposed: headers.get('access-control-expose-headers') });

describe('CORS on the offline platform', () => {
  it('is configured in the test stacks', () => {
    expect(origin).toBe('https://shop.example');
  });

  it("names the origin on a function's answer and on its refusal", async () => {
    const guest = await platform.credentials({ guest: true });
    const products = await platform.call(guest, { path: `/prod/products?shopId=0001&shopToken=${await platform.shopToken('0001')}`, headers: { origin } });
    const wrongToken = await platform.call(guest, { path: '/prod/products?shopId=0001&shopToken=ZZZZZZZZZZ', headers: { origin } });
    expect([products.status, wrongToken.status]).toEqual([200, 401]);
    for (const answer of [products, wrongToken]) expect(corsOf(answer.headers)).toEqual({ origin, exposed: 'x-amzn-errortype,x-amzn-requestid' });
  });

  it("names the origin on API Gateway's refusals: no signature, IAM's denial", async () => {
    const unsigned = await fetch(new URL('/prod/orders', platform.endpoint), { headers: { origin } });
    const customer = await platform.credentials({ email: testUsers.registeredCustomer1.email });
    const denied = await platform.call(customer, { path: '/prod/service-stats', headers: { origin } });
    expect([unsigned.status, denied.status]).toEqual([403, 403]);
    for (const headers of [unsigned.headers, denied.headers]) expect(corsOf(headers)).toEqual({ origin, exposed: 'x-amzn-errortype,x-amzn-requestid' });
  });

  it('answers a preflight from any origin with the configured one, which a browser elsewhere refuses', async () => {
    const preflight = await fetch(new URL('/prod/products', platform.endpoint), {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
  });
});
