import { evaluatePolicies, type AuthorizationRequest, type NamedPolicy } from '../../../offline/iam';
import { policyDocument, type PolicyStatement } from '../../../platform/iam-policy';

const table = 'arn:aws:dynamodb:eu-central-1:123456789012:table/Orders';
const otherTable = 'arn:aws:dynamodb:eu-central-1:123456789012:table/Audit';

const policy = (name: string, ...statements: PolicyStatement[]): NamedPolicy => ({ name, document: policyDocument(...statements) });

const request = (action: string, resource: string, extra: Partial<AuthorizationRequest> = {}): AuthorizationRequest => ({
  action,
  resource,
  context: {},
  ...extra,
});

const allowTable = policy('table', { Sid: 'ReadOrders', Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:Query'], Resource: table });

describe('decisions', () => {
  it('denies by default', () => {
    expect(evaluatePolicies([], request('dynamodb:GetItem', table))).toEqual({
      decision: 'ImplicitDeny',
      explanation: `ImplicitDeny: principal "(unspecified)" action "dynamodb:GetItem" resource "${table}": no statement matched (0 statement(s) in 0 policy(ies))`,
      problems: [],
    });
    expect(evaluatePolicies([allowTable], request('dynamodb:PutItem', table)).decision).toBe('ImplicitDeny');
  });

  it('allows with a matching Allow and names the statement', () => {
    const decision = evaluatePolicies([allowTable], request('dynamodb:Query', table, { context: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/fn' } }));
    expect(decision).toEqual({
      decision: 'Allow',
      matched: { policyName: 'table', statementIndex: 0, sid: 'ReadOrders' },
      explanation: `Allow: principal "arn:aws:iam::123456789012:role/fn" action "dynamodb:Query" resource "${table}": allowed by policy "table" statement #0 (Sid "ReadOrders")`,
      problems: [],
    });
  });

  it('lets an explicit Deny win, whatever the order of policies and statements', () => {
    const deny = policy('guard', { Effect: 'Deny', Action: 'dynamodb:*', Resource: '*' });
    for (const policies of [[allowTable, deny], [deny, allowTable]]) {
      const decision = evaluatePolicies(policies, request('dynamodb:GetItem', table));
      expect(decision.decision).toBe('ExplicitDeny');
      expect(decision.matched).toEqual({ policyName: 'guard', statementIndex: 0 });
      expect(decision.explanation).toMatch(/^ExplicitDeny: .*: denied by policy "guard" statement #0$/);
    }
    const sameDocument = policy('both', { Effect: 'Allow', Action: '*', Resource: '*' }, { Sid: 'NoDelete', Effect: 'Deny', Action: 'dynamodb:DeleteItem', Resource: table });
    expect(evaluatePolicies([sameDocument], request('dynamodb:DeleteItem', table)).matched).toEqual({ policyName: 'both', statementIndex: 1, sid: 'NoDelete' });
    expect(evaluatePolicies([sameDocument], request('dynamodb:GetItem', table)).decision).toBe('Allow');
  });

  it('matches actions case-insensitively, with wildcards', () => {
    const cases: [string, string, boolean][] = [
      ['dynamodb:GetItem', 'DynamoDB:getitem', true],
      ['dynamodb:Get*', 'dynamodb:GetItem', true],
      ['dynamodb:Get*', 'dynamodb:BatchGetItem', false],
      ['dynamodb:*', 'dynamodb:Scan', true],
      ['*', 'sts:AssumeRole', true],
      ['dynamodb:?etItem', 'dynamodb:GetItem', true],
      ['dynamodb:?etItem', 'dynamodb:etItem', false],
      ['dynamodb:GetItem', 'dynamodb:GetItems', false],
      ['dynamodb:*', 'dynamodbx:Scan', false],
    ];
    for (const [pattern, action, allowed] of cases) {
      const decision = evaluatePolicies([policy('p', { Effect: 'Allow', Action: pattern, Resource: '*' })], request(action, table));
      expect([pattern, action, decision.decision]).toEqual([pattern, action, allowed ? 'Allow' : 'ImplicitDeny']);
    }
  });

  it('matches resources case-sensitively, with wildcards that span / and :', () => {
    const stage = 'arn:aws:execute-api:eu-central-1:123456789012:api123/prod';
    const cases: [string, string, boolean][] = [
      [`${stage}/GET/products`, `${stage}/GET/products`, true],
      [`${stage}/GET/products`, `${stage}/GET/Products`, false],
      [`${stage}/GET/order/*`, `${stage}/GET/order/abc/def`, true],
      [`${stage}/GET/order/*`, `${stage}/GET/order`, false],
      [`${stage}/*/orders`, `${stage}/GET/orders`, true],
      [`arn:aws:execute-api:*:123456789012:api123/*`, `${stage}/POST/order`, true],
      ['arn:aws:dynamodb:*', table, true],
      [`${stage}/GET/order/?`, `${stage}/GET/order/1`, true],
      [`${stage}/GET/order/?`, `${stage}/GET/order/12`, false],
    ];
    for (const [pattern, resource, allowed] of cases) {
      const decision = evaluatePolicies([policy('p', { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: pattern })], request('execute-api:Invoke', resource));
      expect([pattern, resource, decision.decision]).toEqual([pattern, resource, allowed ? 'Allow' : 'ImplicitDeny']);
    }
  });

  it('supports NotAction', () => {
    const everythingButIam = policy('p', { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' });
    expect(evaluatePolicies([everythingButIam], request('dynamodb:GetItem', table)).decision).toBe('Allow');
    expect(evaluatePolicies([everythingButIam], request('IAM:CreateUser', '*')).decision).toBe('ImplicitDeny');
    const denyAllButRead = policy('d', { Effect: 'Deny', NotAction: ['dynamodb:GetItem', 'dynamodb:Query'], Resource: table });
    expect(evaluatePolicies([allowTable, denyAllButRead], request('dynamodb:GetItem', table)).decision).toBe('Allow');
    expect(evaluatePolicies([policy('all', { Effect: 'Allow', Action: '*', Resource: '*' }), denyAllButRead], request('dynamodb:PutItem', table)).decision).toBe('ExplicitDeny');
  });

  it('supports NotResource', () => {
    const onlyOrders = policy('d', { Effect: 'Deny', Action: 'dynamodb:*', NotResource: [table, `${table}/index/*`] });
    const all = policy('all', { Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' });
    expect(evaluatePolicies([all, onlyOrders], request('dynamodb:Query', `${table}/index/GSI1`)).decision).toBe('Allow');
    expect(evaluatePolicies([all, onlyOrders], request('dynamodb:Query', otherTable)).decision).toBe('ExplicitDeny');
    const allowOthers = policy('a', { Effect: 'Allow', Action: 'dynamodb:GetItem', NotResource: table });
    expect(evaluatePolicies([allowOthers], request('dynamodb:GetItem', otherTable)).decision).toBe('Allow');
    expect(evaluatePolicies([allowOthers], request('dynamodb:GetItem', table)).decision).toBe('ImplicitDeny');
  });

  it('applies a statement only when its condition holds', () => {
    const conditional = policy('c', {
      Effect: 'Allow',
      Action: 'dynamodb:GetItem',
      Resource: table,
      Condition: { StringEquals: { 'aws:PrincipalTag/role': 'admin' } },
    });
    expect(evaluatePolicies([conditional], request('dynamodb:GetItem', table, { context: { 'aws:PrincipalTag/role': 'admin' } })).decision).toBe('Allow');
    expect(evaluatePolicies([conditional], request('dynamodb:GetItem', table, { context: { 'aws:PrincipalTag/role': 'shop_owner' } })).decision).toBe('ImplicitDeny');
  });
});

describe('policy variables in resources', () => {
  const stage = 'arn:aws:execute-api:eu-central-1:123456789012:api123/prod';
  const tenancy = policy('tenancy', {
    Effect: 'Allow',
    Action: 'execute-api:Invoke',
    Resource: [`${stage}/GET/products`, `${stage}/GET/shop/\${aws:PrincipalTag/shopId}/*`],
  });
  const withTag = { context: { 'aws:PrincipalTag/shopId': '0001' } };

  it('scopes a resource to the tag value', () => {
    expect(evaluatePolicies([tenancy], request('execute-api:Invoke', `${stage}/GET/shop/0001/orders`, withTag)).decision).toBe('Allow');
    expect(evaluatePolicies([tenancy], request('execute-api:Invoke', `${stage}/GET/shop/0002/orders`, withTag)).decision).toBe('ImplicitDeny');
    expect(evaluatePolicies([tenancy], request('execute-api:Invoke', `${stage}/GET/shop/00011/orders`, withTag)).decision).toBe('ImplicitDeny');
  });

  it('makes the whole statement inapplicable when the variable is absent, instead of substituting ""', () => {
    for (const resource of [`${stage}/GET/shop//orders`, `${stage}/GET/shop/0001/orders`, `${stage}/GET/products`]) {
      expect(evaluatePolicies([tenancy], request('execute-api:Invoke', resource)).decision).toBe('ImplicitDeny');
    }
  });

  it('does not let a Deny with an absent variable apply either', () => {
    const deny = policy('deny', { Effect: 'Deny', Action: '*', Resource: `${stage}/POST/shop/\${aws:PrincipalTag/shopId}/*` });
    const allowAll = policy('all', { Effect: 'Allow', Action: '*', Resource: '*' });
    expect(evaluatePolicies([allowAll, deny], request('execute-api:Invoke', `${stage}/POST/shop/0001/token`, withTag)).decision).toBe('ExplicitDeny');
    expect(evaluatePolicies([allowAll, deny], request('execute-api:Invoke', `${stage}/POST/shop/0001/token`)).decision).toBe('Allow');
  });
});

describe('principals (resource-based and trust policies)', () => {
  const roleArn = 'arn:aws:iam::123456789012:role/shop-platform-AdminRole';
  const trust = (principal: PolicyStatement['Principal']) =>
    policy('trust', { Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' });
  const assume = (principal: AuthorizationRequest['principal']) => request('sts:AssumeRole', roleArn, { principal });

  it('matches Federated, Service and AWS principals of the right type only', () => {
    expect(evaluatePolicies([trust({ Federated: 'cognito-identity.amazonaws.com' })], assume({ type: 'Federated', id: 'cognito-identity.amazonaws.com' })).decision).toBe('Allow');
    expect(evaluatePolicies([trust({ Federated: 'cognito-identity.amazonaws.com' })], assume({ type: 'Federated', id: 'accounts.google.com' })).decision).toBe('ImplicitDeny');
    expect(evaluatePolicies([trust({ Federated: 'cognito-identity.amazonaws.com' })], assume({ type: 'Service', id: 'cognito-identity.amazonaws.com' })).decision).toBe('ImplicitDeny');
    expect(evaluatePolicies([trust({ Service: ['lambda.amazonaws.com', 'events.amazonaws.com'] })], assume({ type: 'Service', id: 'events.amazonaws.com' })).decision).toBe('Allow');
    expect(evaluatePolicies([trust({ Service: 'lambda.amazonaws.com' })], assume({ type: 'Service', id: 'lambda.amazonaws.com.evil' })).decision).toBe('ImplicitDeny');
  });

  it('matches AWS principals by ARN, by account, and role sessions by their role', () => {
    const user = 'arn:aws:iam::123456789012:user/alice';
    const session = 'arn:aws:sts::123456789012:assumed-role/Deployer/session-1';
    const cases: [string, string, boolean][] = [
      [user, user, true],
      ['arn:aws:iam::123456789012:user/bob', user, false],
      ['123456789012', user, true],
      ['arn:aws:iam::123456789012:root', session, true],
      ['210987654321', user, false],
      ['arn:aws:iam::123456789012:role/Deployer', session, true],
      ['arn:aws:iam::123456789012:role/ops/Deployer', session, true],
      ['arn:aws:iam::123456789012:role/Other', session, false],
      ['arn:aws:iam::210987654321:role/Deployer', session, false],
      ['arn:aws:iam::123456789012:user/*', user, false],
      ['*', user, true],
    ];
    for (const [value, principalArn, allowed] of cases) {
      const decision = evaluatePolicies([trust({ AWS: value })], assume({ type: 'AWS', id: principalArn }));
      expect([value, principalArn, decision.decision]).toEqual([value, principalArn, allowed ? 'Allow' : 'ImplicitDeny']);
    }
  });

  it('matches "*" for any principal, and NotPrincipal for every principal but the listed ones', () => {
    expect(evaluatePolicies([trust('*')], assume({ type: 'Service', id: 'lambda.amazonaws.com' })).decision).toBe('Allow');
    const denyOthers = policy('deny', { Effect: 'Deny', NotPrincipal: { AWS: '123456789012' }, Action: '*' });
    const everyone = trust('*');
    expect(evaluatePolicies([everyone, denyOthers], assume({ type: 'AWS', id: 'arn:aws:iam::210987654321:user/mallory' })).decision).toBe('ExplicitDeny');
    expect(evaluatePolicies([everyone, denyOthers], assume({ type: 'AWS', id: 'arn:aws:iam::123456789012:user/alice' })).decision).toBe('Allow');
  });

  it('never applies a statement with a principal when the request has none', () => {
    expect(evaluatePolicies([trust('*')], request('sts:AssumeRole', roleArn)).decision).toBe('ImplicitDeny');
  });

  it('describes the principal in the explanation', () => {
    const decision = evaluatePolicies([trust({ Federated: 'cognito-identity.amazonaws.com' })], assume({ type: 'Federated', id: 'cognito-identity.amazonaws.com' }));
    expect(decision.explanation).toBe(
      `Allow: principal "Federated:cognito-identity.amazonaws.com" action "sts:AssumeRole" resource "${roleArn}": allowed by policy "trust" statement #0`,
    );
  });
});

describe('failing closed', () => {
  const unknownOperator = { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } };

  it('never lets an Allow with an unknown operator allow, and reports it', () => {
    const decision = evaluatePolicies([policy('p', { Effect: 'Allow', Action: '*', Resource: '*', Condition: unknownOperator })], request('dynamodb:GetItem', table, { context: { 'aws:SourceIp': '10.0.0.1' } }));
    expect(decision.decision).toBe('ImplicitDeny');
    expect(decision.problems).toEqual([`policy "p" statement #0: unknown condition operator 'IpAddress'; ignored (it cannot allow)`]);
    expect(decision.explanation).toContain("unknown condition operator 'IpAddress'");
  });

  it('applies a Deny with an unknown operator, unless it definitely does not match', () => {
    const allowAll = policy('all', { Effect: 'Allow', Action: '*', Resource: '*' });
    const deny = policy('deny', { Effect: 'Deny', Action: 'dynamodb:*', Resource: '*', Condition: unknownOperator });
    const denied = evaluatePolicies([allowAll, deny], request('dynamodb:GetItem', table));
    expect(denied.decision).toBe('ExplicitDeny');
    expect(denied.matched).toEqual({ policyName: 'deny', statementIndex: 0 });
    expect(denied.problems).toEqual([`policy "deny" statement #0: unknown condition operator 'IpAddress'; treated as a matching Deny`]);
    const otherAction = evaluatePolicies([allowAll, deny], request('sts:GetCallerIdentity', '*'));
    expect(otherAction.decision).toBe('Allow');
    expect(otherAction.problems).toEqual([]);
  });

  it('reports statements it cannot read', () => {
    const broken: PolicyStatement[] = [
      { Effect: 'Allow', Action: '*', NotAction: 'iam:*', Resource: '*' },
      { Effect: 'Allow', Resource: '*' },
      { Effect: 'Allow', Action: '*' },
      { Effect: 'Allow', Action: '*', Resource: '*', NotResource: table },
      { Effect: 'Allow', Action: '*', Resource: [] },
      { Effect: 'Allow', Principal: { CanonicalUser: 'x' } as unknown as PolicyStatement['Principal'], Action: '*' },
      { Effect: 'Permit' as 'Allow', Action: '*', Resource: '*' },
      { Effect: 'Allow', Action: '*', Resource: '/shop/${aws:PrincipalTag/shopId' },
    ];
    const decision = evaluatePolicies([policy('broken', ...broken)], request('dynamodb:GetItem', table, { principal: { type: 'AWS', id: 'arn:aws:iam::123456789012:user/a' } }));
    expect(decision.decision).toBe('ImplicitDeny');
    expect(decision.problems).toHaveLength(broken.length);
  });

  it('keeps the explanation on one line whatever the request holds', () => {
    const decision = evaluatePolicies([allowTable], request('dynamodb:GetItem', `${table}\nAllow: forged`));
    expect(decision.explanation).not.toContain('\n');
    expect(decision.explanation).toContain('\\nAllow: forged');
  });

  it('refuses a context holding one key in two spellings', () => {
    expect(() => evaluatePolicies([allowTable], request('dynamodb:GetItem', table, { context: { 'aws:username': 'a', 'AWS:UserName': 'b' } }))).toThrow(TypeError);
  });
});
