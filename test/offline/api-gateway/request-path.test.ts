import { parseRequestPath } from '../../../offline/api-gateway/request-path';

describe('parseRequestPath', () => {
  it('splits the stage from the decoded segments', () => {
    expect(parseRequestPath('/prod/shop/0001/orders')).toEqual({
      ok: true,
      stage: 'prod',
      rawPath: '/shop/0001/orders',
      segments: ['shop', '0001', 'orders'],
      canonicalPath: '/shop/0001/orders',
    });
    expect(parseRequestPath('/prod/order/a%20b')).toMatchObject({ ok: true, segments: ['order', 'a b'] });
  });

  it('gives IAM and routing one canonical path: percent-encoded letters decoded once', () => {
    expect(parseRequestPath('/prod/shop/0001/%73ales')).toMatchObject({ ok: true, rawPath: '/shop/0001/%73ales', canonicalPath: '/shop/0001/sales' });
    expect(parseRequestPath('/prod/shop/0001/%2573ales')).toMatchObject({ ok: true, canonicalPath: '/shop/0001/%73ales' });
  });

  it.each([
    ['/prod/order/x/../../service-stats', /\. or \.\. segment/],
    ['/prod/order/%2E%2E/service-stats', /\. or \.\. segment/],
    ['/prod/shop/0001%2F..%2F0002/orders', /encoded slash/],
    ['/prod/shop/0001%2f0002', /encoded slash/],
    ['/prod/shop/0001%5C0002', /encoded slash, backslash/],
    ['/prod//service-stats', /empty segment/],
    ['/prod/products/', /empty segment/],
    ['/prod/order/%E0%A4%A', /malformed percent-encoding/],
    ['/prod/order/%0A', /control character/],
    ['//prod/products', /no stage/],
    ['prod/products', /must start with/],
  ])('refuses %s, which would not be routed as it was signed', (path, reason) => {
    const result = parseRequestPath(path);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(reason);
  });
});
