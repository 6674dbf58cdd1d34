import { RequestContext } from '../../../offline/iam/context';
import { resolvePolicyString, type ResolvedString } from '../../../offline/iam/variables';
import { matchesPattern } from '../../../offline/iam/wildcard';

const context = new RequestContext({
  'aws:PrincipalTag/shopId': '0001',
  'aws:username': 'alice',
  'aws:PrincipalTag/odd': 'a*b?',
  'cognito-identity.amazonaws.com:amr': ['authenticated', 'cognito-idp.eu-central-1.amazonaws.com/pool'],
});

function tokensOf(resolved: ResolvedString) {
  if (resolved.kind !== 'resolved') throw new Error(`expected a resolved string, got ${JSON.stringify(resolved)}`);
  return resolved.tokens;
}

const matches = (pattern: string, subject: string) =>
  matchesPattern(tokensOf(resolvePolicyString(pattern, context, { wildcards: true })), subject);

describe('policy variables', () => {
  it('substitutes a present key, looked up case-insensitively', () => {
    expect(matches('/shop/${aws:PrincipalTag/shopId}/*', '/shop/0001/orders')).toBe(true);
    expect(matches('/shop/${AWS:principaltag/SHOPID}/*', '/shop/0001/orders')).toBe(true);
    expect(matches('/shop/${aws:PrincipalTag/shopId}/*', '/shop/0002/orders')).toBe(false);
    expect(matches('/shop/${aws:PrincipalTag/shopId}/*', '/shop/00011/orders')).toBe(false);
    expect(matches('home/${aws:username}', 'home/alice')).toBe(true);
  });

  it('reports an absent key as unresolved instead of substituting an empty string', () => {
    expect(resolvePolicyString('/shop/${aws:PrincipalTag/missing}/*', context, { wildcards: true })).toEqual({
      kind: 'unresolved',
      variable: '${aws:PrincipalTag/missing}',
    });
  });

  it('treats a multi-valued key as unresolved', () => {
    expect(resolvePolicyString('${cognito-identity.amazonaws.com:amr}', context, { wildcards: true })).toMatchObject({
      kind: 'unresolved',
    });
  });

  it("uses a default value when the key is absent, and ignores it when it is present", () => {
    expect(matches("/shop/${aws:PrincipalTag/missing, 'none'}", '/shop/none')).toBe(true);
    expect(matches("/shop/${aws:PrincipalTag/shopId, 'none'}", '/shop/0001')).toBe(true);
    expect(resolvePolicyString('${aws:PrincipalTag/missing, none}', context, { wildcards: true })).toMatchObject({ kind: 'invalid' });
  });

  it('keeps substituted values literal, so a tag cannot widen a pattern', () => {
    expect(matches('/shop/${aws:PrincipalTag/odd}', '/shop/a*b?')).toBe(true);
    expect(matches('/shop/${aws:PrincipalTag/odd}', '/shop/aXXbY')).toBe(false);
  });

  it('reads the escapes ${*}, ${?} and ${$} as literal characters', () => {
    expect(matches('a${*}b', 'a*b')).toBe(true);
    expect(matches('a${*}b', 'aXb')).toBe(false);
    expect(matches('a${?}b', 'a?b')).toBe(true);
    expect(matches('a${?}b', 'aXb')).toBe(false);
    expect(matches('cost${$}', 'cost$')).toBe(true);
    expect(matches('a$b', 'a$b')).toBe(true);
  });

  it('keeps * and ? literal when the element has no wildcards', () => {
    const tokens = tokensOf(resolvePolicyString('a*?', context, { wildcards: false }));
    expect(tokens).toEqual([{ kind: 'text', text: 'a*?' }]);
  });

  it('reports malformed variables', () => {
    for (const text of ['/shop/${aws:PrincipalTag/shopId', '${}', 'x${', '${bad"key}']) {
      expect(resolvePolicyString(text, context, { wildcards: true }).kind).toBe('invalid');
    }
  });
});
