import type { CallerRole } from './caller-roles';
import { customAttributes, userRoles } from './user-pool';

/**
 * The identity pool: guests allowed, classic flow off, roles chosen by rules on
 * the ID token's `custom:role`, session tags taken from the user pool.
 */
export const identityPool = {
  nameSuffix: 'IdentityPool',
  allowUnauthenticatedIdentities: true,
  /** The basic flow would let a client pick any role the trust policy allows. */
  allowClassicFlow: false,
  /** Cognito re-checks with the user pool that the user's tokens were not revoked. */
  serverSideTokenCheck: true,
} as const;

export function identityPoolName(prefix: string): string {
  return `${prefix}-${identityPool.nameSuffix}`;
}

export interface RoleMappingRule {
  claim: string;
  matchType: 'Equals';
  value: string;
  role: CallerRole;
}

/** Evaluated in order; the first match wins. */
export const roleMappingRules: readonly RoleMappingRule[] = [
  { claim: customAttributes.role, matchType: 'Equals', value: userRoles.shopOwner, role: 'shopOwner' },
  { claim: customAttributes.role, matchType: 'Equals', value: userRoles.admin, role: 'admin' },
];

/** When no rule matches, Cognito falls back to the pool's authenticated role. */
export const ambiguousRoleResolution = 'AuthenticatedRole' as const;
export const defaultAuthenticatedRole: CallerRole = 'customer';
export const unauthenticatedRole: CallerRole = 'guest';

/** Principal tag ← ID-token claim. */
export const principalTags: Readonly<Record<string, string>> = {
  shopId: customAttributes.shopId,
  role: customAttributes.role,
  cognito_user_sub: 'sub',
  cognito_app_id: 'aud',
};

/** The role Cognito's Rules mapping picks for an authenticated user's ID-token claims. */
export function mapClaimsToRole(claims: Readonly<Record<string, unknown>>): CallerRole {
  const rule = roleMappingRules.find((candidate) => claims[candidate.claim] === candidate.value);
  return rule ? rule.role : defaultAuthenticatedRole;
}

/** The session tags Cognito sets from an ID token's claims; claims that are absent give no tag. */
export function principalTagsFromClaims(claims: Readonly<Record<string, unknown>>): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const [tag, claim] of Object.entries(principalTags)) {
    const value = claims[claim];
    if (typeof value === 'string' && value !== '') tags[tag] = value;
  }
  return tags;
}
