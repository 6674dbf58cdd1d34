import { policyDocument, type PolicyDocument } from './iam-policy';

/**
 * The four kinds of caller, the IAM role the identity pool gives each, and the
 * API methods that role may invoke.
 */
export type CallerRole = 'guest' | 'customer' | 'shopOwner' | 'admin';

export interface ApiGrant {
  method: 'GET' | 'POST';
  /** Resource path as IAM sees it; may hold `*` and `${aws:PrincipalTag/...}`. */
  path: string;
}

/** The IAM policy variable that scopes a shop owner to their own shop. */
export const shopIdPolicyVariable = '${aws:PrincipalTag/shopId}';

const customerGrants: ApiGrant[] = [
  { method: 'GET', path: '/products' },
  { method: 'POST', path: '/order' },
  { method: 'GET', path: '/order/*' },
  { method: 'GET', path: '/orders' },
];

export interface CallerRoleDefinition {
  /** The role is named `<prefix>-IdentityPool-<roleSuffix>`. */
  roleSuffix: string;
  description: string;
  /** `amr` value the trust policy requires. */
  amr: 'authenticated' | 'unauthenticated';
  /** Authenticated sessions carry principal tags, which needs `sts:TagSession`. */
  tagSession: boolean;
  grants: ApiGrant[];
}

export const callerRoles: Readonly<Record<CallerRole, CallerRoleDefinition>> = {
  guest: {
    roleSuffix: 'UnauthenticatedRole',
    description: 'Visitors: identity-pool guests',
    amr: 'unauthenticated',
    tagSession: false,
    grants: customerGrants,
  },
  customer: {
    roleSuffix: 'AuthenticatedDefaultRole',
    description: 'Registered customers, and any signed-in user no rule maps elsewhere',
    amr: 'authenticated',
    tagSession: true,
    grants: customerGrants,
  },
  shopOwner: {
    roleSuffix: 'ShopOwnerRole',
    description: 'Shop owners, scoped to their shop by the shopId principal tag',
    amr: 'authenticated',
    tagSession: true,
    grants: [
      ...customerGrants,
      { method: 'GET', path: `/shop/${shopIdPolicyVariable}` },
      { method: 'GET', path: `/shop/${shopIdPolicyVariable}/*` },
      { method: 'POST', path: `/shop/${shopIdPolicyVariable}/*` },
    ],
  },
  admin: {
    roleSuffix: 'AdminRole',
    description: 'Platform administrators: platform-wide statistics only',
    amr: 'authenticated',
    tagSession: true,
    grants: [{ method: 'GET', path: '/service-stats' }],
  },
};

export const callerRoleNames = Object.keys(callerRoles) as CallerRole[];

export function iamRoleName(prefix: string, role: CallerRole): string {
  return `${prefix}-IdentityPool-${callerRoles[role].roleSuffix}`;
}

/**
 * The method ARN prefix IAM matches for a REST API stage:
 * `arn:aws:execute-api:<region>:<account>:<apiId>/<stage>`.
 */
export function executeApiStageArn(executionArn: string, stage: string): string {
  return `${executionArn}/${stage}`;
}

/** Resource ARNs of a role's grants, e.g. `<stageArn>/GET/products`. */
export function grantResources(stageArn: string, grants: readonly ApiGrant[]): string[] {
  return grants.map((grant) => `${stageArn}/${grant.method}${grant.path}`);
}

/**
 * The `execute-api:Invoke` policy of a caller role. Grants that use a principal-tag
 * variable get a statement of their own: a session without that tag makes such a
 * statement not match, and must not lose the role's other grants with it.
 */
export function invokePolicy(role: CallerRole, stageArn: string): PolicyDocument {
  const grants = callerRoles[role].grants;
  const tagged = grants.filter((grant) => grant.path.includes('${aws:PrincipalTag/'));
  const plain = grants.filter((grant) => !tagged.includes(grant));
  const statement = (sid: string, selected: ApiGrant[]) => ({
    Sid: sid,
    Effect: 'Allow' as const,
    Action: 'execute-api:Invoke',
    Resource: grantResources(stageArn, selected),
  });
  return policyDocument(
    statement('InvokeApiMethods', plain),
    ...(tagged.length > 0 ? [statement('InvokeOwnShopMethods', tagged)] : []),
  );
}

/** Who may assume a caller role: only this identity pool, only with the matching `amr`. */
export function identityPoolTrustPolicy(role: CallerRole, identityPoolId: string): PolicyDocument {
  const definition = callerRoles[role];
  return policyDocument({
    Effect: 'Allow',
    Principal: { Federated: 'cognito-identity.amazonaws.com' },
    Action: definition.tagSession ? ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'] : 'sts:AssumeRoleWithWebIdentity',
    Condition: {
      StringEquals: { 'cognito-identity.amazonaws.com:aud': identityPoolId },
      'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': definition.amr },
    },
  });
}
