import { loadApiDefinition } from '../../openapi/load';
import { shopTokenBits, shopTokenPolicy } from '../../platform/shop-token-policy';

describe('shopTokenPolicy', () => {
  const schema = loadApiDefinition().components!.schemas!.ShopTokenValue as { pattern: string };
  const pattern = new RegExp(schema.pattern);

  it('uses 32 distinct symbols for at least 40 bits', () => {
    expect(new Set(shopTokenPolicy.alphabet).size).toBe(32);
    expect(shopTokenBits).toBeGreaterThanOrEqual(40);
  });

  it('matches the OpenAPI ShopTokenValue pattern', () => {
    expect(pattern.test(shopTokenPolicy.alphabet.slice(0, shopTokenPolicy.length))).toBe(true);
    expect(pattern.test(shopTokenPolicy.alphabet.slice(-shopTokenPolicy.length))).toBe(true);
    expect(pattern.test(shopTokenPolicy.alphabet.slice(0, shopTokenPolicy.length - 1))).toBe(false);
  });

  it.each(['0', '1', 'I', 'O', 'a'])('leaves the ambiguous symbol %s out', (symbol) => {
    expect(shopTokenPolicy.alphabet).not.toContain(symbol);
    expect(pattern.test(symbol.repeat(shopTokenPolicy.length))).toBe(false);
  });
});
