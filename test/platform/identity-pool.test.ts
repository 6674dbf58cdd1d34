import {
  identityPoolTrustPolicy,
  invokePolicy,
  mapClaimsToRole,
  principalTagsFromClaims,
  roleMappingRules,
} from '../../platform';

describe('role mapping', () => {
  it('maps custom:role with Equals rules only', () => {
    expect(roleMappingRules.every((rule) => rule.matchType === 'Equals')).toBe(true);
    expect(mapClaimsToRole({ 'custom:role': 'shop_owner' })).toBe('shopOwner');
    expect(mapClaimsToRole({ 'custom:role': 'admin' })).toBe('admin');
  });

  it.each([['customer'], ['Admin'], ['admin '], ['shop_owner_x'], [undefined]])(
    'falls back to the authenticated role for custom:role=%p',
    (value) => {
      expect(mapClaimsToRole({ 'custom:role': value })).toBe('customer');
    },
  );

  it('tags sessions from the user pool claims and leaves absent claims untagged', () => {
    expect(
      principalTagsFromClaims({ 'custom:shopId': '0001', 'custom:role': 'shop_owner', sub: 'abc', aud: 'client' }),
    ).toEqual({ shopId: '0001', role: 'shop_owner', cognito_user_sub: 'abc', cognito_app_id: 'client' });
    expect(principalTagsFromClaims({ sub: 'abc', aud: 'client' })).toEqual({ cognito_user_sub: 'abc', cognito_app_id: 'client' });
  });
});

describe('caller role policies', () => {
  const stage = 'arn:aws:execute-api:eu-central-1:000000000000:api123/prod';

  it('scopes shop owners to the shop in their principal tag, in a statement of its own', () => {
    const [customer, ownShop] = invokePolicy('shopOwner', stage).Statement;
    expect(customer.Resource).toEqual(invokePolicy('customer', stage).Statement[0].Resource);
    expect(ownShop).toEqual({
      Sid: 'InvokeOwnShopMethods',
      Effect: 'Allow',
      Action: 'execute-api:Invoke',
      Resource: [
        `${stage}/GET/shop/\${aws:PrincipalTag/shopId}`,
        `${stage}/GET/shop/\${aws:PrincipalTag/shopId}/*`,
        `${stage}/POST/shop/\${aws:PrincipalTag/shopId}/*`,
      ],
    });
  });

  it('gives admins the statistics and nothing else', () => {
    expect(invokePolicy('admin', stage).Statement).toEqual([
      { Sid: 'InvokeApiMethods', Effect: 'Allow', Action: 'execute-api:Invoke', Resource: [`${stage}/GET/service-stats`] },
    ]);
  });

  it('lets guests and customers reach only the customer operations', () => {
    for (const role of ['guest', 'customer'] as const) {
      expect(invokePolicy(role, stage).Statement[0].Resource).toEqual([
        `${stage}/GET/products`,
        `${stage}/POST/order`,
        `${stage}/GET/order/*`,
        `${stage}/GET/orders`,
      ]);
    }
  });

  it('trusts only this identity pool, with the amr of the role', () => {
    expect(identityPoolTrustPolicy('guest', 'pool-1').Statement[0]).toEqual({
      Effect: 'Allow',
      Principal: { Federated: 'cognito-identity.amazonaws.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'cognito-identity.amazonaws.com:aud': 'pool-1' },
        'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'unauthenticated' },
      },
    });
    const owner = identityPoolTrustPolicy('shopOwner', 'pool-1').Statement[0];
    expect(owner.Action).toEqual(['sts:AssumeRoleWithWebIdentity', 'sts:TagSession']);
    expect(owner.Condition?.['ForAnyValue:StringLike']).toEqual({ 'cognito-identity.amazonaws.com:amr': 'authenticated' });
  });
});
