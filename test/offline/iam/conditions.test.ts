import type { ConditionBlock } from '../../../platform/iam-policy';
import { evaluateConditionBlock } from '../../../offline/iam/conditions';
import { RequestContext, type RequestContextInput } from '../../../offline/iam/context';

const holds = (block: ConditionBlock, context: RequestContextInput = {}) =>
  evaluateConditionBlock(block, new RequestContext(context));

const amr = 'cognito-identity.amazonaws.com:amr';
const authenticatedAmr = ['authenticated', 'cognito-idp.eu-central-1.amazonaws.com/eu-central-1_pool', 'cognito-idp.eu-central-1.amazonaws.com/eu-central-1_pool:CognitoSignIn:sub'];

describe('string operators', () => {
  it('StringEquals: exact, case-sensitive, values OR-ed, absent key fails', () => {
    expect(holds({ StringEquals: { 'aws:username': 'alice' } }, { 'aws:username': 'alice' })).toBe(true);
    expect(holds({ StringEquals: { 'aws:username': 'alice' } }, { 'aws:username': 'Alice' })).toBe(false);
    expect(holds({ StringEquals: { 'aws:username': ['bob', 'alice'] } }, { 'aws:username': 'alice' })).toBe(true);
    expect(holds({ StringEquals: { 'aws:username': ['bob', 'carol'] } }, { 'aws:username': 'alice' })).toBe(false);
    expect(holds({ StringEquals: { 'aws:username': 'alice' } }, {})).toBe(false);
    expect(holds({ StringEquals: { 'aws:username': 'a*' } }, { 'aws:username': 'alice' })).toBe(false);
  });

  it('matches condition keys case-insensitively', () => {
    expect(holds({ StringEquals: { 'AWS:UserName': 'alice' } }, { 'aws:username': 'alice' })).toBe(true);
  });

  it('ANDs the keys of a block and the operators of a condition', () => {
    const block: ConditionBlock = {
      StringEquals: { 'aws:username': 'alice', 'aws:PrincipalTag/shopId': '0001' },
      StringLike: { 'aws:userid': 'AID*' },
    };
    expect(holds(block, { 'aws:username': 'alice', 'aws:PrincipalTag/shopId': '0001', 'aws:userid': 'AIDX' })).toBe(true);
    expect(holds(block, { 'aws:username': 'alice', 'aws:PrincipalTag/shopId': '0002', 'aws:userid': 'AIDX' })).toBe(false);
    expect(holds(block, { 'aws:username': 'alice', 'aws:PrincipalTag/shopId': '0001', 'aws:userid': 'XAID' })).toBe(false);
  });

  it('StringNotEquals: NOR over the values, absent key passes', () => {
    expect(holds({ StringNotEquals: { 'aws:username': ['bob', 'carol'] } }, { 'aws:username': 'alice' })).toBe(true);
    expect(holds({ StringNotEquals: { 'aws:username': ['bob', 'alice'] } }, { 'aws:username': 'alice' })).toBe(false);
    expect(holds({ StringNotEquals: { 'aws:username': 'alice' } }, {})).toBe(true);
  });

  it('StringEqualsIgnoreCase and StringNotEqualsIgnoreCase', () => {
    expect(holds({ StringEqualsIgnoreCase: { 'aws:username': 'ALICE' } }, { 'aws:username': 'alice' })).toBe(true);
    expect(holds({ StringEqualsIgnoreCase: { 'aws:username': 'ALICE' } }, { 'aws:username': 'alicia' })).toBe(false);
    expect(holds({ StringNotEqualsIgnoreCase: { 'aws:username': 'ALICE' } }, { 'aws:username': 'alice' })).toBe(false);
    expect(holds({ StringNotEqualsIgnoreCase: { 'aws:username': 'ALICE' } }, { 'aws:username': 'bob' })).toBe(true);
  });

  it('StringLike and StringNotLike: wildcards, case-sensitive', () => {
    expect(holds({ StringLike: { 's3:prefix': 'home/*' } }, { 's3:prefix': 'home/alice/x' })).toBe(true);
    expect(holds({ StringLike: { 's3:prefix': 'home/?' } }, { 's3:prefix': 'home/ab' })).toBe(false);
    expect(holds({ StringLike: { 's3:prefix': 'Home/*' } }, { 's3:prefix': 'home/a' })).toBe(false);
    expect(holds({ StringNotLike: { 's3:prefix': ['home/*', 'public/*'] } }, { 's3:prefix': 'private/a' })).toBe(true);
    expect(holds({ StringNotLike: { 's3:prefix': ['home/*', 'public/*'] } }, { 's3:prefix': 'public/a' })).toBe(false);
    expect(holds({ StringNotLike: { 's3:prefix': 'home/*' } }, {})).toBe(true);
  });

  it('resolves policy variables in values; an absent variable makes the condition fail either way', () => {
    const context = { 'aws:username': 'alice', 's3:prefix': 'home/alice/docs' };
    expect(holds({ StringLike: { 's3:prefix': 'home/${aws:username}/*' } }, context)).toBe(true);
    expect(holds({ StringLike: { 's3:prefix': 'home/${aws:username}/*' } }, { ...context, 's3:prefix': 'home/bob/x' })).toBe(false);
    expect(holds({ StringLike: { 's3:prefix': 'home/${aws:PrincipalTag/team}/*' } }, context)).toBe(false);
    expect(holds({ StringNotLike: { 's3:prefix': 'home/${aws:PrincipalTag/team}/*' } }, context)).toBe(false);
  });
});

describe('ARN operators', () => {
  const role = 'arn:aws:iam::123456789012:role/Admin';

  it('ArnEquals and ArnLike match component by component, with wildcards', () => {
    for (const operator of ['ArnEquals', 'ArnLike']) {
      expect(holds({ [operator]: { 'aws:PrincipalArn': role } }, { 'aws:PrincipalArn': role })).toBe(true);
      expect(holds({ [operator]: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/Admin' } }, { 'aws:PrincipalArn': role })).toBe(true);
      expect(holds({ [operator]: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/*' } }, { 'aws:PrincipalArn': role })).toBe(true);
      expect(holds({ [operator]: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/admin' } }, { 'aws:PrincipalArn': role })).toBe(false);
      expect(holds({ [operator]: { 'aws:PrincipalArn': 'arn:aws:iam::210987654321:role/Admin' } }, { 'aws:PrincipalArn': role })).toBe(false);
    }
  });

  it('does not let a wildcard run into the next component, except in the last one', () => {
    expect(holds({ ArnLike: { 'aws:SourceArn': 'arn:aws:*:role/Admin' } }, { 'aws:SourceArn': role })).toBe(false);
    expect(holds({ ArnLike: { 'aws:SourceArn': 'arn:aws:*' } }, { 'aws:SourceArn': role })).toBe(true);
    expect(holds({ ArnLike: { 'aws:SourceArn': 'arn:aws:iam::*' } }, { 'aws:SourceArn': role })).toBe(true);
    expect(
      holds({ ArnLike: { 'aws:SourceArn': 'arn:aws:logs:*:*:log-group:/aws/*' } }, { 'aws:SourceArn': 'arn:aws:logs:eu-central-1:123456789012:log-group:/aws/lambda/x:*' }),
    ).toBe(true);
  });

  it('ArnNotEquals and ArnNotLike; a value that is no ARN matches neither way', () => {
    expect(holds({ ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/Other' } }, { 'aws:PrincipalArn': role })).toBe(true);
    expect(holds({ ArnNotEquals: { 'aws:PrincipalArn': role } }, { 'aws:PrincipalArn': role })).toBe(false);
    expect(holds({ ArnLike: { 'aws:PrincipalArn': '*' } }, { 'aws:PrincipalArn': 'not-an-arn' })).toBe(false);
    expect(holds({ ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/Other' } }, { 'aws:PrincipalArn': 'not-an-arn' })).toBe(false);
    expect(holds({ ArnNotLike: { 'aws:PrincipalArn': role } }, {})).toBe(true);
  });
});

describe('Bool, Null, Numeric and Date operators', () => {
  it('Bool compares true/false case-insensitively and takes JSON booleans', () => {
    expect(holds({ Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:SecureTransport': 'true' })).toBe(true);
    expect(holds({ Bool: { 'aws:SecureTransport': true } }, { 'aws:SecureTransport': 'TRUE' })).toBe(true);
    expect(holds({ Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:SecureTransport': 'false' })).toBe(false);
    expect(holds({ Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:SecureTransport': 'yes' })).toBe(false);
    expect(holds({ Bool: { 'aws:SecureTransport': 'true' } }, {})).toBe(false);
    expect(holds({ Bool: { 'aws:SecureTransport': 'yes' } }, { 'aws:SecureTransport': 'true' })).toEqual({
      problem: "Bool cannot compare with 'yes'",
    });
  });

  it('Null tests whether a key is absent; an empty list counts as absent', () => {
    expect(holds({ Null: { 'aws:PrincipalTag/shopId': 'true' } }, {})).toBe(true);
    expect(holds({ Null: { 'aws:PrincipalTag/shopId': 'true' } }, { 'aws:PrincipalTag/shopId': '0001' })).toBe(false);
    expect(holds({ Null: { 'aws:PrincipalTag/shopId': 'false' } }, { 'aws:PrincipalTag/shopId': '0001' })).toBe(true);
    expect(holds({ Null: { 'aws:PrincipalTag/shopId': false } }, {})).toBe(false);
    expect(holds({ Null: { 'aws:TagKeys': 'true' } }, { 'aws:TagKeys': [] })).toBe(true);
    expect(holds({ 'ForAnyValue:Null': { 'aws:TagKeys': 'true' } }, {})).toMatchObject({ problem: expect.any(String) });
    expect(holds({ NullIfExists: { 'aws:TagKeys': 'true' } }, {})).toMatchObject({ problem: expect.any(String) });
    expect(holds({ Null: { 'aws:TagKeys': 'maybe' } }, {})).toMatchObject({ problem: expect.any(String) });
  });

  it.each([
    ['NumericEquals', '10', true, false, false],
    ['NumericNotEquals', '10', false, true, true],
    ['NumericLessThan', '10', false, true, false],
    ['NumericLessThanEquals', '10', true, true, false],
    ['NumericGreaterThan', '10', false, false, true],
    ['NumericGreaterThanEquals', '10', true, false, true],
  ])('%s %s against 10, 9.5 and 11', (operator, policyValue, atTen, atNineAndHalf, atEleven) => {
    expect(holds({ [operator]: { 's3:max-keys': policyValue } }, { 's3:max-keys': '10' })).toBe(atTen);
    expect(holds({ [operator]: { 's3:max-keys': policyValue } }, { 's3:max-keys': '9.5' })).toBe(atNineAndHalf);
    expect(holds({ [operator]: { 's3:max-keys': policyValue } }, { 's3:max-keys': '11' })).toBe(atEleven);
  });

  it('a non-numeric context value matches no numeric operator; a non-numeric policy value is a problem', () => {
    expect(holds({ NumericEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': 'ten' })).toBe(false);
    expect(holds({ NumericNotEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': 'ten' })).toBe(false);
    expect(holds({ NumericLessThan: { 's3:max-keys': 'ten' } }, { 's3:max-keys': '1' })).toMatchObject({ problem: expect.any(String) });
  });

  it.each([
    ['DateLessThan', true, false],
    ['DateLessThanEquals', true, false],
    ['DateGreaterThan', false, true],
    ['DateGreaterThanEquals', false, true],
    ['DateEquals', false, false],
    ['DateNotEquals', true, true],
  ])('%s against 2024-06-01T00:00:00Z for a time before and after', (operator, before, after) => {
    const block = { [operator]: { 'aws:CurrentTime': '2024-06-01T00:00:00Z' } };
    expect(holds(block, { 'aws:CurrentTime': '2024-05-31T23:59:59Z' })).toBe(before);
    expect(holds(block, { 'aws:CurrentTime': '2024-06-01T00:00:01Z' })).toBe(after);
  });

  it('compares dates given as ISO 8601 or epoch seconds', () => {
    expect(holds({ DateEquals: { 'aws:CurrentTime': '2024-06-01T00:00:00Z' } }, { 'aws:CurrentTime': '1717200000' })).toBe(true);
    expect(holds({ DateGreaterThan: { 'aws:EpochTime': '1717200000' } }, { 'aws:EpochTime': '2024-06-01T00:00:01Z' })).toBe(true);
    expect(holds({ DateLessThan: { 'aws:CurrentTime': '2024-06-01' } }, { 'aws:CurrentTime': 'yesterday' })).toBe(false);
    expect(holds({ DateLessThan: { 'aws:CurrentTime': 'tomorrow' } }, { 'aws:CurrentTime': '2024-06-01' })).toMatchObject({
      problem: expect.any(String),
    });
  });
});

describe('set qualifiers and IfExists', () => {
  it('ForAnyValue: one context value suffices; absent or empty fails', () => {
    expect(holds({ 'ForAnyValue:StringLike': { [amr]: 'authenticated' } }, { [amr]: authenticatedAmr })).toBe(true);
    expect(holds({ 'ForAnyValue:StringLike': { [amr]: 'unauthenticated' } }, { [amr]: authenticatedAmr })).toBe(false);
    expect(holds({ 'ForAnyValue:StringLike': { [amr]: 'cognito-idp.*' } }, { [amr]: authenticatedAmr })).toBe(true);
    expect(holds({ 'ForAnyValue:StringLike': { [amr]: 'authenticated' } }, { [amr]: 'authenticated' })).toBe(true);
    expect(holds({ 'ForAnyValue:StringLike': { [amr]: 'authenticated' } }, {})).toBe(false);
    expect(holds({ 'ForAnyValue:StringLike': { [amr]: 'authenticated' } }, { [amr]: [] })).toBe(false);
  });

  it('ForAnyValue with a negated operator: some context value matches none of the policy values', () => {
    const block = { 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['shopId', 'role'] } };
    expect(holds(block, { 'aws:TagKeys': ['shopId', 'team'] })).toBe(true);
    expect(holds(block, { 'aws:TagKeys': ['shopId', 'role'] })).toBe(false);
    expect(holds(block, {})).toBe(false);
  });

  it('ForAllValues: every context value must match; absent or empty passes', () => {
    const block = { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['shopId', 'role'] } };
    expect(holds(block, { 'aws:TagKeys': ['shopId'] })).toBe(true);
    expect(holds(block, { 'aws:TagKeys': ['shopId', 'role'] })).toBe(true);
    expect(holds(block, { 'aws:TagKeys': ['shopId', 'admin'] })).toBe(false);
    expect(holds(block, {})).toBe(true);
    expect(holds(block, { 'aws:TagKeys': [] })).toBe(true);
  });

  it('ForAllValues with a negated operator: no context value may match any policy value', () => {
    const block = { 'ForAllValues:StringNotLike': { 'aws:TagKeys': ['aws:*', 'admin*'] } };
    expect(holds(block, { 'aws:TagKeys': ['shopId', 'role'] })).toBe(true);
    expect(holds(block, { 'aws:TagKeys': ['shopId', 'administrator'] })).toBe(false);
    expect(holds(block, {})).toBe(true);
  });

  it('without a qualifier, a multi-valued key needs one match (positive) or none (negated)', () => {
    expect(holds({ StringEquals: { [amr]: 'authenticated' } }, { [amr]: authenticatedAmr })).toBe(true);
    expect(holds({ StringNotEquals: { [amr]: 'authenticated' } }, { [amr]: authenticatedAmr })).toBe(false);
    expect(holds({ StringNotEquals: { [amr]: 'unauthenticated' } }, { [amr]: authenticatedAmr })).toBe(true);
  });

  it('IfExists makes an absent key pass and leaves a present one to the operator', () => {
    expect(holds({ StringEqualsIfExists: { 'aws:PrincipalTag/shopId': '0001' } }, {})).toBe(true);
    expect(holds({ StringEqualsIfExists: { 'aws:PrincipalTag/shopId': '0001' } }, { 'aws:PrincipalTag/shopId': '0001' })).toBe(true);
    expect(holds({ StringEqualsIfExists: { 'aws:PrincipalTag/shopId': '0001' } }, { 'aws:PrincipalTag/shopId': '0002' })).toBe(false);
    expect(holds({ StringNotEqualsIfExists: { 'aws:PrincipalTag/shopId': '0001' } }, { 'aws:PrincipalTag/shopId': '0001' })).toBe(false);
    expect(holds({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } }, {})).toBe(true);
    expect(holds({ NumericLessThanIfExists: { 's3:max-keys': '10' } }, { 's3:max-keys': '11' })).toBe(false);
    expect(holds({ ArnLikeIfExists: { 'aws:SourceArn': 'arn:aws:sns:*:*:topic' } }, {})).toBe(true);
    expect(holds({ DateGreaterThanIfExists: { 'aws:CurrentTime': '2024-01-01T00:00:00Z' } }, {})).toBe(true);
  });

  it('combines a set qualifier with IfExists', () => {
    expect(holds({ 'ForAnyValue:StringLikeIfExists': { [amr]: 'authenticated' } }, {})).toBe(true);
    expect(holds({ 'ForAnyValue:StringLikeIfExists': { [amr]: 'authenticated' } }, { [amr]: ['unauthenticated'] })).toBe(false);
  });
});

describe('operators the evaluator does not know', () => {
  it.each(['StringEqualz', 'IpAddress', 'BinaryEquals', 'ForSomeValues:StringEquals', 'IfExists', 'stringequals'])(
    'reports %s as a problem instead of matching',
    (operator) => {
      expect(holds({ [operator]: { 'aws:username': 'alice' } }, { 'aws:username': 'alice' })).toEqual({
        problem: `unknown condition operator '${operator}'`,
      });
    },
  );

  it('still fails a block where another entry definitely fails', () => {
    expect(holds({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' }, StringEquals: { 'aws:username': 'bob' } }, { 'aws:username': 'alice' })).toBe(false);
  });

  it('reports values that are not strings', () => {
    const block = { StringEquals: { 'aws:username': [] } } as unknown as ConditionBlock;
    expect(holds(block, { 'aws:username': 'alice' })).toMatchObject({ problem: expect.any(String) });
  });
});
