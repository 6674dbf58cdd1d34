import { matchesPattern, wildcardTokens } from '../../../offline/iam/wildcard';

const matches = (pattern: string, subject: string, caseInsensitive = false) =>
  matchesPattern(wildcardTokens(pattern), subject, { caseInsensitive });

describe('wildcards', () => {
  it('matches literal text exactly and case-sensitively by default', () => {
    expect(matches('arn:aws:s3:::bucket', 'arn:aws:s3:::bucket')).toBe(true);
    expect(matches('arn:aws:s3:::bucket', 'arn:aws:s3:::Bucket')).toBe(false);
    expect(matches('arn:aws:s3:::bucket', 'arn:aws:s3:::bucket2')).toBe(false);
    expect(matches('arn:aws:s3:::bucket', 'arn:aws:s3:::bucke')).toBe(false);
    expect(matches('', '')).toBe(true);
    expect(matches('', 'a')).toBe(false);
  });

  it('lets * match any run, including nothing, slashes and colons', () => {
    expect(matches('*', '')).toBe(true);
    expect(matches('*', 'anything/at:all')).toBe(true);
    expect(matches('prefix/*', 'prefix/')).toBe(true);
    expect(matches('prefix/*', 'prefix/a/b/c')).toBe(true);
    expect(matches('prefix/*', 'prefix')).toBe(false);
    expect(matches('arn:aws:execute-api:*:*:api/*', 'arn:aws:execute-api:eu-central-1:123456789012:api/prod/GET/x')).toBe(true);
    expect(matches('arn:*:table/Orders', 'arn:aws:dynamodb:eu-central-1:123456789012:table/Orders')).toBe(true);
    expect(matches('a*b*c', 'aXbYbZc')).toBe(true);
    expect(matches('a*b*c', 'aXbYbZcd')).toBe(false);
    expect(matches('*c', 'abcbc')).toBe(true);
    expect(matches('a**b', 'ab')).toBe(true);
  });

  it('lets ? match exactly one character, of any kind', () => {
    expect(matches('shop/000?', 'shop/0001')).toBe(true);
    expect(matches('shop/000?', 'shop/000')).toBe(false);
    expect(matches('shop/000?', 'shop/00011')).toBe(false);
    expect(matches('a?c', 'a/c')).toBe(true);
    expect(matches('a?c', 'a€c')).toBe(true);
    expect(matches('??', 'ab')).toBe(true);
    expect(matches('?*', '')).toBe(false);
  });

  it('ignores case only when asked (actions)', () => {
    expect(matches('DynamoDB:Get*', 'dynamodb:getitem', true)).toBe(true);
    expect(matches('DynamoDB:Get*', 'dynamodb:getitem')).toBe(false);
  });

  it('stays fast on adversarial patterns', () => {
    const started = Date.now();
    expect(matches(`${'*a'.repeat(30)}b`, 'a'.repeat(5000))).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
