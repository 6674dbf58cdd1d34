import { evaluatePolicies, type AuthorizationRequest, type Decision, type NamedPolicy } from '../../../offline/iam';
import {
  callerRoleNames,
  executeApiStageArn,
  functionPolicy,
  functions,
  identityPoolTrustPolicy,
  invokePolicy,
  type CallerRole,
  type FunctionDefinition,
} from '../../../platform';

/** The documents the platform really attaches, evaluated as the offline runtime will. */

const account = '123456789012';
const stage = executeApiStageArn(`arn:aws:execute-api:eu-central-1:${account}:api123`, 'prod');
const method = (verb: string, path: string) => `${stage}/${verb}${path}`;

const invokeAs = (role: CallerRole, resource: string, tags: Record<string, string> = {}): Decision => {
  const context: Record<string, string> = {};
  for (const [key, value] of Object.entries(tags)) context[`aws:PrincipalTag/${key}`] = value;
  return evaluatePolicies([{ name: role, document: invokePolicy(role, stage) }], {
    principal: { type: 'AWS', id: `arn:aws:sts::${account}:assumed-role/shop-platform-IdentityPool-${role}/session` },
    action: 'execute-api:Invoke',
    resource,
    context,
  });
};

describe('caller roles: execute-api:Invoke', () => {
  const owner = { shopId: '0001', role: 'shop_owner' };

  it("allows a shop owner into their own shop's routes only", () => {
    for (const resource of [method('GET', '/shop/0001'), method('GET', '/shop/0001/orders'), method('GET', '/shop/0001/sales'), method('POST', '/shop/0001/token')]) {
      expect([resource, invokeAs('shopOwner', resource, owner).decision]).toEqual([resource, 'Allow']);
    }
    for (const resource of [
      method('GET', '/shop/0002/orders'),
      method('GET', '/shop/00011/orders'),
      method('GET', '/shop/0002'),
      method('GET', '/shop/00011'),
      method('GET', '/shop/000'),
      method('DELETE', '/shop/0001/orders'),
      method('POST', '/shop/0001'),
      method('GET', '/service-stats'),
      `arn:aws:execute-api:eu-central-1:${account}:api123/test/GET/shop/0001/orders`,
    ]) {
      expect([resource, invokeAs('shopOwner', resource, owner).decision]).toEqual([resource, 'ImplicitDeny']);
    }
  });

  it('gives a shop owner the sales of their own shop only', () => {
    expect(invokeAs('shopOwner', method('GET', '/shop/0001/sales'), owner)).toMatchObject({
      decision: 'Allow',
      matched: { policyName: 'shopOwner', statementIndex: 1, sid: 'InvokeOwnShopMethods' },
    });
    expect(invokeAs('shopOwner', method('GET', '/shop/0002/sales'), owner).decision).toBe('ImplicitDeny');
    expect(invokeAs('shopOwner', method('GET', '/shop/0002/sales'), { shopId: '0002' }).decision).toBe('Allow');
  });

  it('gives a shop owner the customer operations too', () => {
    expect(invokeAs('shopOwner', method('GET', '/products'), owner).decision).toBe('Allow');
    expect(invokeAs('shopOwner', method('POST', '/order'), owner).decision).toBe('Allow');
  });

  it('denies a shop owner session without a shopId tag every shop, while the customer operations stay', () => {
    expect(invokeAs('shopOwner', method('GET', '/products'), { role: 'shop_owner' }).decision).toBe('Allow');
    for (const resource of [method('GET', '/shop//orders'), method('GET', '/shop/0001'), method('POST', '/shop/0001/token')]) {
      expect([resource, invokeAs('shopOwner', resource, { role: 'shop_owner' }).decision]).toEqual([resource, 'ImplicitDeny']);
    }
  });

  it('keeps guests and customers to the customer operations', () => {
    for (const role of ['guest', 'customer'] as const) {
      for (const resource of [method('GET', '/products'), method('POST', '/order'), method('GET', '/order/abc-123'), method('GET', '/orders')]) {
        expect([role, resource, invokeAs(role, resource).decision]).toEqual([role, resource, 'Allow']);
      }
      for (const resource of [method('GET', '/shop/0001/orders'), method('GET', '/service-stats'), method('POST', '/orders'), method('GET', '/order'), method('POST', '/order/abc')]) {
        expect([role, resource, invokeAs(role, resource, { shopId: '0001' }).decision]).toEqual([role, resource, 'ImplicitDeny']);
      }
    }
  });

  it('gives admins the statistics and nothing else', () => {
    expect(invokeAs('admin', method('GET', '/service-stats')).decision).toBe('Allow');
    expect(invokeAs('admin', method('GET', '/products')).decision).toBe('ImplicitDeny');
    expect(invokeAs('admin', method('GET', '/shop/0001/orders'), { shopId: '0001' }).decision).toBe('ImplicitDeny');
  });

  it('grants no role anything but execute-api:Invoke', () => {
    const userPool = `arn:aws:cognito-idp:eu-central-1:${account}:userpool/eu-central-1_AbCdEf123`;
    for (const role of callerRoleNames) {
      const decision = evaluatePolicies([{ name: role, document: invokePolicy(role, stage) }], {
        action: 'cognito-idp:AdminUpdateUserAttributes',
        resource: userPool,
        context: { 'aws:PrincipalTag/shopId': '0001' },
      });
      expect([role, decision.decision]).toEqual([role, 'ImplicitDeny']);
    }
  });
});

describe('caller roles: identity pool trust policies', () => {
  const poolId = 'eu-central-1:11111111-2222-3333-4444-555555555555';
  const otherPoolId = 'eu-central-1:99999999-8888-7777-6666-555555555555';
  const authenticatedAmr = ['authenticated', 'cognito-idp.eu-central-1.amazonaws.com/eu-central-1_AbCdEf123', 'cognito-idp.eu-central-1.amazonaws.com/eu-central-1_AbCdEf123:CognitoSignIn:sub-1'];

  const assume = (role: CallerRole, overrides: Partial<AuthorizationRequest> & { aud?: string; amr?: string[] } = {}): Decision => {
    const trust: NamedPolicy = { name: `${role}-trust`, document: identityPoolTrustPolicy(role, poolId) };
    const context: Record<string, string | string[]> = {};
    context['cognito-identity.amazonaws.com:aud'] = overrides.aud ?? poolId;
    context['cognito-identity.amazonaws.com:amr'] = overrides.amr ?? (role === 'guest' ? ['unauthenticated'] : authenticatedAmr);
    return evaluatePolicies([trust], {
      principal: overrides.principal ?? { type: 'Federated', id: 'cognito-identity.amazonaws.com' },
      action: overrides.action ?? 'sts:AssumeRoleWithWebIdentity',
      resource: `arn:aws:iam::${account}:role/shop-platform-IdentityPool-${role}`,
      context: overrides.context ?? context,
    });
  };

  it('lets the identity pool assume each role with the matching amr', () => {
    for (const role of callerRoleNames) expect([role, assume(role).decision]).toEqual([role, 'Allow']);
  });

  it('refuses the admin role to an unauthenticated identity and to another pool', () => {
    expect(assume('admin', { amr: ['unauthenticated'] }).decision).toBe('ImplicitDeny');
    expect(assume('admin', { aud: otherPoolId }).decision).toBe('ImplicitDeny');
    expect(assume('admin', { amr: [] }).decision).toBe('ImplicitDeny');
    expect(assume('admin', { context: { 'cognito-identity.amazonaws.com:amr': authenticatedAmr } }).decision).toBe('ImplicitDeny');
  });

  it('refuses the guest role to an authenticated identity', () => {
    expect(assume('guest', { amr: authenticatedAmr }).decision).toBe('ImplicitDeny');
  });

  it('refuses other federated providers and other principal types', () => {
    expect(assume('admin', { principal: { type: 'Federated', id: 'accounts.google.com' } }).decision).toBe('ImplicitDeny');
    expect(assume('admin', { principal: { type: 'AWS', id: `arn:aws:iam::${account}:root` } }).decision).toBe('ImplicitDeny');
    expect(assume('admin', { action: 'sts:AssumeRole' }).decision).toBe('ImplicitDeny');
  });

  it('lets only authenticated roles tag their sessions', () => {
    expect(assume('shopOwner', { action: 'sts:TagSession' }).decision).toBe('Allow');
    expect(assume('guest', { action: 'sts:TagSession' }).decision).toBe('ImplicitDeny');
  });
});

describe('function execution roles', () => {
  const table = `arn:aws:dynamodb:eu-central-1:${account}:table/shop-platform-Orders`;
  const userPool = `arn:aws:cognito-idp:eu-central-1:${account}:userpool/eu-central-1_AbCdEf123`;
  const secret = `arn:aws:secretsmanager:eu-central-1:${account}:secret:shop-platform-test-users-AbCdEf`;
  const arns = { table, userPool, testUsersSecret: secret };

  const as = (fn: FunctionDefinition, action: string, resource: string) =>
    evaluatePolicies([{ name: fn.name, document: functionPolicy(fn, arns) }], { action, resource, context: {} }).decision;

  it('lets get-shop-sales read one item and users, nothing more', () => {
    const fn = functions.getShopSales;
    expect(as(fn, 'dynamodb:GetItem', table)).toBe('Allow');
    expect(as(fn, 'dynamodb:Query', `${table}/index/GSI1`)).toBe('ImplicitDeny');
    expect(as(fn, 'dynamodb:Query', table)).toBe('ImplicitDeny');
    expect(as(fn, 'dynamodb:Scan', table)).toBe('ImplicitDeny');
    expect(as(fn, 'dynamodb:UpdateItem', table)).toBe('ImplicitDeny');
    expect(as(fn, 'cognito-idp:AdminGetUser', userPool)).toBe('Allow');
    expect(as(fn, 'cognito-idp:AdminSetUserPassword', userPool)).toBe('ImplicitDeny');
    expect(as(fn, 'cognito-idp:AdminGetUser', `${userPool}x`)).toBe('ImplicitDeny');
  });

  it("lets place-order write its transaction's items but not delete, scan or touch users", () => {
    const fn = functions.placeOrder;
    for (const action of ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem']) {
      expect([action, as(fn, action, table)]).toEqual([action, 'Allow']);
    }
    expect(as(fn, 'dynamodb:DeleteItem', table)).toBe('ImplicitDeny');
    expect(as(fn, 'dynamodb:Scan', table)).toBe('ImplicitDeny');
    expect(as(fn, 'dynamodb:PutItem', `arn:aws:dynamodb:eu-central-1:${account}:table/shop-platform-Other`)).toBe('ImplicitDeny');
    expect(as(fn, 'cognito-idp:AdminGetUser', userPool)).toBe('ImplicitDeny');
  });

  it('lets get-service-stats batch-read items and reconcile-aggregates scan and write, neither delete', () => {
    expect(as(functions.getServiceStats, 'dynamodb:BatchGetItem', table)).toBe('Allow');
    expect(as(functions.getServiceStats, 'dynamodb:Scan', table)).toBe('ImplicitDeny');
    for (const action of ['dynamodb:Scan', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']) {
      expect([action, as(functions.reconcileAggregates, action, table)]).toEqual([action, 'Allow']);
    }
    expect(as(functions.reconcileAggregates, 'dynamodb:DeleteItem', table)).toBe('ImplicitDeny');
  });

  it('lets provision-test-users read and write its secret and set passwords, nothing else', () => {
    const fn = functions.provisionTestUsers;
    expect(as(fn, 'secretsmanager:GetSecretValue', secret)).toBe('Allow');
    expect(as(fn, 'secretsmanager:PutSecretValue', secret)).toBe('Allow');
    expect(as(fn, 'secretsmanager:GetSecretValue', `arn:aws:secretsmanager:eu-central-1:${account}:secret:other-AbCdEf`)).toBe('ImplicitDeny');
    expect(as(fn, 'secretsmanager:DeleteSecret', secret)).toBe('ImplicitDeny');
    expect(as(fn, 'cognito-idp:AdminSetUserPassword', userPool)).toBe('Allow');
    expect(as(fn, 'dynamodb:GetItem', table)).toBe('ImplicitDeny');
  });

  it('lets no function update user attributes', () => {
    for (const fn of Object.values(functions)) {
      expect([fn.name, as(fn, 'cognito-idp:AdminUpdateUserAttributes', userPool)]).toEqual([fn.name, 'ImplicitDeny']);
    }
  });
});
