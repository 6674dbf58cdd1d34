import {
  ambiguousRoleResolution,
  defaultAuthenticatedRole,
  mapClaimsToRole,
  principalTagsFromClaims,
  roleMappingRules,
  unauthenticatedRole,
} from '../../platform/identity-pool';
import { iamRoleName, type CallerRole } from '../../platform/caller-roles';
import { identityPool } from '../../platform/identity-pool';
import { invalidParameter, notAuthorized, resourceNotFound } from '../aws-json/errors';
import { readInput } from '../aws-json/input';
import type { JsonObject } from '../aws-json/service';
import type { CredentialStore } from '../credentials/credential-store';
import type { Identity, IdentityStore } from './identity-store';
import { verifyLogins, type IdTokenVerifier } from './logins';
import { callerRoleArn, type IdentityPoolContext } from './pool-context';

export interface IdentityPoolState {
  pool: IdentityPoolContext;
  identities: IdentityStore;
  credentials: CredentialStore;
  verifyIdToken: IdTokenVerifier;
}

const identityPoolIdRule = { minLength: 1, maxLength: 55, pattern: /^[\w-]+:[0-9a-f-]+$/ };
const identityIdRule = { minLength: 1, maxLength: 55, pattern: /^[\w-]+:[0-9a-f-]+$/ };

function checkIdentityPool(state: IdentityPoolState, identityPoolId: string): void {
  if (identityPoolId !== state.pool.identityPoolId) throw resourceNotFound(`IdentityPool '${identityPoolId}' not found.`);
}

function findIdentity(state: IdentityPoolState, identityId: string): Identity {
  const identity = state.identities.get(identityId);
  if (!identity) throw resourceNotFound(`Identity '${identityId}' not found.`);
  return identity;
}

const loginsMismatch = () => notAuthorized("Logins don't match. Please include at least one valid login for this identity or identity pool.");

function epochSeconds(milliseconds: number): number {
  return milliseconds / 1000;
}

export async function listIdentityPools(state: IdentityPoolState, input: JsonObject): Promise<JsonObject> {
  const reader = readInput(input, 'cognito-identity:ListIdentityPools').allowOnly(['MaxResults', 'NextToken']);
  reader.requiredInteger('MaxResults', 1, 60);
  if (reader.optionalString('NextToken') !== undefined) {
    throw invalidParameter('Invalid NextToken: the offline identity pool list has a single page');
  }
  return { IdentityPools: [{ IdentityPoolId: state.pool.identityPoolId, IdentityPoolName: state.pool.identityPoolName }] };
}

export async function describeIdentityPool(state: IdentityPoolState, input: JsonObject): Promise<JsonObject> {
  const reader = readInput(input, 'cognito-identity:DescribeIdentityPool').allowOnly(['IdentityPoolId']);
  checkIdentityPool(state, reader.requiredString('IdentityPoolId', identityPoolIdRule));
  const { pool } = state;
  return {
    IdentityPoolId: pool.identityPoolId,
    IdentityPoolName: pool.identityPoolName,
    AllowUnauthenticatedIdentities: pool.allowUnauthenticatedIdentities,
    AllowClassicFlow: pool.allowClassicFlow,
    CognitoIdentityProviders: [{ ProviderName: pool.providerName, ClientId: pool.clientId, ServerSideTokenCheck: identityPool.serverSideTokenCheck }],
    IdentityPoolTags: {},
  };
}

/** The Rules role mapping the identity stack deploys, in AWS's shape. */
export async function getIdentityPoolRoles(state: IdentityPoolState, input: JsonObject): Promise<JsonObject> {
  const reader = readInput(input, 'cognito-identity:GetIdentityPoolRoles').allowOnly(['IdentityPoolId']);
  checkIdentityPool(state, reader.requiredString('IdentityPoolId', identityPoolIdRule));
  const { pool } = state;
  return {
    IdentityPoolId: pool.identityPoolId,
    Roles: {
      authenticated: callerRoleArn(pool, defaultAuthenticatedRole),
      unauthenticated: callerRoleArn(pool, unauthenticatedRole),
    },
    RoleMappings: {
      [`${pool.providerName}:${pool.clientId}`]: {
        Type: 'Rules',
        AmbiguousRoleResolution: ambiguousRoleResolution,
        RulesConfiguration: {
          Rules: roleMappingRules.map((rule) => ({
            Claim: rule.claim,
            MatchType: rule.matchType,
            Value: rule.value,
            RoleARN: callerRoleArn(pool, rule.role),
          })),
        },
      },
    },
  };
}

export async function describeIdentity(state: IdentityPoolState, input: JsonObject): Promise<JsonObject> {
  const reader = readInput(input, 'cognito-identity:DescribeIdentity').allowOnly(['IdentityId']);
  const identity = findIdentity(state, reader.requiredString('IdentityId', identityIdRule));
  return {
    IdentityId: identity.identityId,
    Logins: identity.authenticated ? [state.pool.providerName] : [],
    CreationDate: epochSeconds(identity.createdAt),
    LastModifiedDate: epochSeconds(identity.modifiedAt),
  };
}

/** A guest identity without Logins; with a valid ID token, the user's one identity. */
export async function getId(state: IdentityPoolState, input: JsonObject): Promise<JsonObject> {
  const reader = readInput(input, 'cognito-identity:GetId').allowOnly(['AccountId', 'IdentityPoolId', 'Logins']);
  const accountId = reader.optionalString('AccountId', { minLength: 1, maxLength: 15, pattern: /^\d+$/ });
  const identityPoolId = reader.requiredString('IdentityPoolId', identityPoolIdRule);
  const logins = reader.optionalStringMap('Logins');
  if (accountId !== undefined && accountId !== state.pool.accountId) {
    throw resourceNotFound(`IdentityPool '${identityPoolId}' not found.`);
  }
  checkIdentityPool(state, identityPoolId);
  const claims = await verifyLogins(state.pool, state.verifyIdToken, logins);
  if (claims) return { IdentityId: state.identities.identityOfUser(claims.sub).identityId };
  if (!state.pool.allowUnauthenticatedIdentities) throw notAuthorized('Unauthenticated access is not supported for this identity pool.');
  return { IdentityId: state.identities.createGuest().identityId };
}

/**
 * Enhanced flow: the role comes from the identity pool's rules, never from the
 * caller. Authenticated identities must present their ID token again.
 */
export async function getCredentialsForIdentity(state: IdentityPoolState, input: JsonObject): Promise<JsonObject> {
  const reader = readInput(input, 'cognito-identity:GetCredentialsForIdentity').allowOnly(['IdentityId', 'Logins', 'CustomRoleArn']);
  const identityId = reader.requiredString('IdentityId', identityIdRule);
  const logins = reader.optionalStringMap('Logins');
  const customRoleArn = reader.optionalString('CustomRoleArn', { minLength: 20, maxLength: 2048 });
  const identity = findIdentity(state, identityId);
  const claims = await verifyLogins(state.pool, state.verifyIdToken, logins);
  const { pool } = state;

  let role: CallerRole;
  let principalTags: Record<string, string> = {};
  let authenticationProvider: string | undefined;
  if (!identity.authenticated) {
    if (claims) {
      throw invalidParameter(
        `Identity '${identityId}' is a guest identity; linking a login to it is not supported by the offline runtime. Call GetId with the Logins map to get the user's identity.`,
      );
    }
    if (!pool.allowUnauthenticatedIdentities) throw notAuthorized('Unauthenticated access is not supported for this identity pool.');
    role = unauthenticatedRole;
  } else {
    if (!claims || claims.sub !== identity.sub) throw loginsMismatch();
    role = mapClaimsToRole(claims);
    principalTags = principalTagsFromClaims(claims);
    authenticationProvider = `${pool.providerName},${pool.providerName}:CognitoSignIn:${claims.sub}`;
  }

  const grantedRoleArn = callerRoleArn(pool, role);
  // With Rules mapping there is exactly one role to pick; asking for any other is asking to escalate.
  if (customRoleArn !== undefined && customRoleArn !== grantedRoleArn) {
    throw notAuthorized(`CustomRoleArn ${customRoleArn} is not a role this identity may assume; the identity pool's rules grant ${grantedRoleArn}.`);
  }
  const issued = state.credentials.issue({
    roleName: iamRoleName(pool.prefix, role),
    identityPoolId: pool.identityPoolId,
    identityId,
    authenticationType: identity.authenticated ? 'authenticated' : 'unauthenticated',
    ...(authenticationProvider === undefined ? {} : { authenticationProvider }),
    principalTags,
  });
  return {
    IdentityId: identityId,
    Credentials: {
      AccessKeyId: issued.accessKeyId,
      SecretKey: issued.secretAccessKey,
      SessionToken: issued.sessionToken,
      Expiration: Math.floor(issued.expiresAt.getTime() / 1000),
    },
  };
}

/** The basic (classic) flow's first step; the pool has it switched off, as AWS answers then. */
export async function getOpenIdToken(state: IdentityPoolState, input: JsonObject): Promise<JsonObject> {
  const reader = readInput(input, 'cognito-identity:GetOpenIdToken').allowOnly(['IdentityId', 'Logins']);
  reader.requiredString('IdentityId', identityIdRule);
  reader.optionalStringMap('Logins');
  if (!state.pool.allowClassicFlow) throw invalidParameter('Basic (classic) flow is not enabled, please use enhanced flow.');
  throw invalidParameter('The basic (classic) flow is not implemented by the offline runtime');
}
