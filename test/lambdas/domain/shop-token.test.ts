import fc from 'fast-check';
import { loadApiDefinition } from '../../../openapi/load';
import { shopTokenPolicy } from '../../../platform/shop-token-policy';
import type { ShopRecord } from '../../../platform/table';
import { generateShopToken, shopTokenAccepted } from '../../../lambdas/domain/shop-token';

const shop: ShopRecord = { shopId: '0001', name: 'Shop', phoneNumber: '+41440000001', address: 'x' };

describe('generateShopToken', () => {
  const tokens = Array.from({ length: 3000 }, generateShopToken);

  it("follows the policy and the OpenAPI ShopTokenValue pattern", () => {
    const schema = loadApiDefinition().components!.schemas!.ShopTokenValue as { pattern: string };
    const pattern = new RegExp(schema.pattern);
    for (const token of tokens) {
      expect(token).toHaveLength(shopTokenPolicy.length);
      expect(token).toMatch(pattern);
      expect([...token].every((symbol) => shopTokenPolicy.alphabet.includes(symbol))).toBe(true);
    }
  });

  it('uses the whole alphabet and does not repeat itself', () => {
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(new Set(tokens.join('')).size).toBe(shopTokenPolicy.alphabet.length);
  });
});

describe('shopTokenAccepted', () => {
  const token = fc.stringMatching(/^[2-9A-HJ-NP-Z]{10}$/);

  it('accepts the current token, or the previous one strictly before its deadline, and nothing else', () => {
    fc.assert(
      fc.property(
        fc.option(token, { nil: undefined }),
        fc.option(token, { nil: undefined }),
        fc.option(fc.integer({ min: 0, max: 2_000_000 }), { nil: undefined }),
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.oneof(token, fc.string()),
        (current, previous, validUntil, now, presentedCandidate) => {
          const record: ShopRecord = { ...shop, shopToken: current, previousShopToken: previous, previousShopTokenValidUntil: validUntil };
          for (const presented of [presentedCandidate, current, previous].filter((value): value is string => value !== undefined)) {
            const expected =
              current !== undefined &&
              (presented === current || (presented === previous && validUntil !== undefined && now < validUntil));
            expect(shopTokenAccepted(record, presented, now)).toBe(expected);
          }
        },
      ),
    );
  });

  it('refuses everything while the shop has no token, even a leftover previous one', () => {
    expect(shopTokenAccepted({ ...shop, previousShopToken: 'K7QX4M2PZ9', previousShopTokenValidUntil: 10 }, 'K7QX4M2PZ9', 0)).toBe(false);
    expect(shopTokenAccepted(shop, '', 0)).toBe(false);
  });
});
