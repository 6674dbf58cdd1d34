import { explainImplicitDenial } from '../../../offline/authorization/denial-explanation';
import { evaluatePolicies, type AuthorizationRequest, type NamedPolicy } from '../../../offline/iam';
import { policyDocument, type PolicyStatement } from '../../../platform/iam-policy';

/** The log line for an implicit denial: what no statement allows, and what the role or session does allow. */

const principalArn = 'arn:aws:sts::123456789012:assumed-role/fn-role/fn';
const table = 'arn:aws:dynamodb:eu-central-1:123456789012:table/Orders';
const policy = (name: string, ...statements: PolicyStatement[]): NamedPolicy => ({ name, document: policyDocument(...statements) });

function explain(identityPolicies: NamedPolicy[], request: AuthorizationRequest, sessionPolicies?: NamedPolicy[]): string {
  return explainImplicitDenial({
    principalArn,
    roleName: 'fn-role',
    request,
    identityPolicies,
    identityDecision: evaluatePolicies(identityPolicies, request),
    session: sessionPolicies && { policies: sessionPolicies, decision: evaluatePolicies(sessionPolicies, request) },
  });
}

describe('an implicit denial explained', () => {
  it('says when the role has no statement for the action at all', () => {
    const reads = policy('reads', { Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: table });
    expect(explain([reads], { action: 'dynamodb:DeleteItem', resource: table, context: {} })).toBe(
      `ImplicitDeny: ${principalArn}: no statement allows dynamodb:DeleteItem on ${table}; role fn-role has no statement allowing dynamodb:DeleteItem`,
    );
  });

  it("lists the resources the role's statements cover for this caller, variables filled in, same-API prefix shortened", () => {
    const own = policy('own', {
      Sid: 'OwnItems',
      Effect: 'Allow',
      Action: 'dynamodb:GetItem',
      Resource: [`${table}`, 'arn:aws:dynamodb:eu-central-1:123456789012:table/Shops/${aws:PrincipalTag/shopId}', 'arn:aws:s3:::elsewhere/*'],
    });
    const request = { action: 'dynamodb:GetItem', resource: 'arn:aws:dynamodb:eu-central-1:123456789012:table/Audit', context: { 'aws:PrincipalTag/shopId': '0002' } };
    expect(explain([own], request)).toBe(
      `ImplicitDeny: ${principalArn}: no statement allows dynamodb:GetItem on ${request.resource}; ` +
        'role fn-role has statements allowing it on …/Orders, …/Shops/0002, arn:aws:s3:::elsewhere/* (Sid "OwnItems")',
    );
  });

  it('names a statement whose resource matches but whose condition does not hold, and one without a Sid by policy and index', () => {
    const conditioned = policy('conditioned', {
      Effect: 'Allow',
      Action: 'dynamodb:Query',
      Resource: table,
      Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['c#1'] } },
    });
    const request = { action: 'dynamodb:Query', resource: table, context: { 'dynamodb:LeadingKeys': ['c#2'] } };
    expect(explain([conditioned], request)).toBe(
      `ImplicitDeny: ${principalArn}: no statement allows dynamodb:Query on ${table}; ` +
        'role fn-role has statements allowing it on …/Orders (policy "conditioned" statement #0, its condition not met)',
    );
  });

  it('says when the role allows the call but the session policies do not, and what they allow instead', () => {
    const role = policy('role', { Sid: 'All', Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' });
    const session = policy('session', { Sid: 'OnlyAudit', Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: 'arn:aws:dynamodb:eu-central-1:123456789012:table/Audit' });
    expect(explain([role], { action: 'dynamodb:GetItem', resource: table, context: {} }, [session])).toBe(
      `ImplicitDeny: ${principalArn}: role fn-role allows dynamodb:GetItem on ${table} (policy "role" statement #0 (Sid "All")), ` +
        'but no session policy does; they allow it on …/Audit (Sid "OnlyAudit")',
    );
  });

  it('adds statements it could not read, which never allow', () => {
    const unreadable = policy('unreadable', { Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: table, Condition: { IpAddressLike: { 'aws:SourceIp': '10.0.0.0/8' } } });
    expect(explain([unreadable], { action: 'dynamodb:GetItem', resource: table, context: {} })).toMatch(
      /^ImplicitDeny: .*; role fn-role has no statement allowing dynamodb:GetItem \[1 statement\(s\) not understood: policy "unreadable" statement #0: unknown condition operator 'IpAddressLike'; ignored \(it cannot allow\)\]$/,
    );
  });
});
