import type { IdentityPoolConfig, RoleMapping, RoleMappingMatchType } from '../deployment/model';
import type { VerifiedLogin } from './logins';

export type RoleChoice = { roleArn: string } | { denied: true } | { missing: true };

function claimValues(claims: Readonly<Record<string, unknown>>, claim: string): string[] {
  const value = claims[claim];
  if (typeof value === 'string') return [value];
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

function ruleMatches(matchType: RoleMappingMatchType, values: readonly string[], expected: string): boolean {
  switch (matchType) {
    case 'Equals':
      return values.some((value) => value === expected);
    case 'Contains':
      return values.some((value) => value.includes(expected));
    case 'StartsWith':
      return values.some((value) => value.startsWith(expected));
    case 'NotEqual':
      return values.length > 0 && values.every((value) => value !== expected);
  }
}

function ambiguous(pool: IdentityPoolConfig, mapping: RoleMapping): RoleChoice {
  if (mapping.ambiguousRoleResolution === 'Deny') return { denied: true };
  return pool.roles.authenticated ? { roleArn: pool.roles.authenticated } : { missing: true };
}

/**
 * The role Cognito's enhanced flow picks for a signed-in user: the provider's
 * role mapping (Rules in order, first match wins; or the token's preferred
 * role), else the pool's authenticated role. The caller never chooses.
 */
export function chooseAuthenticatedRole(pool: IdentityPoolConfig, login: VerifiedLogin): RoleChoice {
  const mapping = pool.roleMappings.find((candidate) => candidate.identityProvider === `${login.providerName}:${login.clientId}`);
  if (!mapping) return pool.roles.authenticated ? { roleArn: pool.roles.authenticated } : { missing: true };
  if (mapping.type === 'Token') {
    const preferred = claimValues(login.claims, 'cognito:preferred_role')[0];
    const roles = claimValues(login.claims, 'cognito:roles');
    if (preferred !== undefined) return { roleArn: preferred };
    if (roles.length === 1) return { roleArn: roles[0] };
    return ambiguous(pool, mapping);
  }
  const rule = mapping.rules.find((candidate) => ruleMatches(candidate.matchType, claimValues(login.claims, candidate.claim), candidate.value));
  return rule ? { roleArn: rule.roleArn } : ambiguous(pool, mapping);
}

/** The session tags Cognito sets from the token's claims; absent or empty claims give no tag. */
export function principalTagsFor(pool: IdentityPoolConfig, login: VerifiedLogin): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const [tag, claim] of Object.entries(pool.principalTags[login.providerName] ?? {})) {
    const value = login.claims[claim];
    if (typeof value === 'string' && value !== '') tags[tag] = value;
  }
  return tags;
}
