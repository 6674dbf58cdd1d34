import { invalidParameter, notAuthorized, resourceNotFound } from '../aws-json/errors';
import { readInput } from '../aws-json/input';
import type { JsonObject } from '../aws-json/service';
import type { CredentialStore } from '../credentials/credential-store';
import type { IamRoles } from '../iam/roles';
import { guestSessionPolicySet } from './guest-session-policies';
import type { Identity, IdentityStore } from './identity-store';
import { verifyLogins, type IdTokenVerifier } from './logins';
import type { IdentityPoolContext } from './pool-context';
import { chooseAuthenticatedRole, principalTagsFor } from './role-mapping';
import { assertRoleTrustsIdentity, invalidPoolConfiguration } from './web-identity-trust';

export interface IdentityPoolState {
  pool: IdentityPoolContext;
  identities: IdentityStore;
  credentials: CredentialStore;
  /** ID-token verifiers of the pool's providers, by provider name. */
  verifiers: ReadonlyMap<string, IdTokenVerifier>;
  /** The roles the pool may hand out, with their trust policies. */
  roles: IamRoles;
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
    AllowUnauthenticatedIdentities: pool.config.allowUnauthenticatedIdentities,
    AllowClassicFlow: pool.config.allowClassicFlow,
    CognitoIdentityProviders: pool.config.providers.map((provider) => ({
      ProviderName: provider.providerName,
      ClientId: provider.clientId,
      ServerSideTokenCheck: provider.serverSideTokenCheck,
    })),
    IdentityPoolTags: {},
  };
}

/** The roles and role mappings the stacks attach to the pool, in AWS's shape. */
export async function getIdentityPoolRoles(state: IdentityPoolState, input: JsonObject): Promise<JsonObject> {
  const reader = readInput(input, 'cognito-identity:GetIdentityPoolRoles').allowOnly(['IdentityPoolId']);
  checkIdentityPool(state, reader.requiredString('IdentityPoolId', identityPoolIdRule));
  const { config } = state.pool;
  return {
    IdentityPoolId: config.id,
    Roles: { ...config.roles },
    RoleMappings: Object.fromEntries(
      config.roleMappings.map((mapping) => [
        mapping.identityProvider,
        {
          Type: mapping.type,
          ...(mapping.ambiguousRoleResolution === undefined ? {} : { AmbiguousRoleResolution: mapping.ambiguousRoleResolution }),
          ...(mapping.type === 'Rules'
            ? {
                RulesConfiguration: {
                  Rules: mapping.rules.map((rule) => ({ Claim: rule.claim, MatchType: rule.matchType, Value: rule.value, RoleARN: rule.roleArn })),
                },
              }
            : {}),
        },
      ]),
    ),
  };
}

export async function describeIdentity(state: IdentityPoolState, input: JsonObject): Promise<JsonObject> {
  const reader = readInput(input, 'cognito-identity:DescribeIdentity').allowOnly(['IdentityId']);
  const identity = findIdentity(state, reader.requiredString('IdentityId', identityIdRule));
  return {
    IdentityId: identity.identityId,
    // Identities from before the provider was kept signed in with the pool's (only) user pool.
    Logins: identity.authenticated ? [identity.provider ?? state.pool.config.providers[0]?.providerName].filter((name): name is string => name !== undefined) : [],
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
  const login = await verifyLogins(state.pool, state.verifiers, logins);
  if (login) return { IdentityId: state.identities.identityOfUser(login.claims.sub, login.providerName).identityId };
  if (!state.pool.config.allowUnauthenticatedIdentities) throw notAuthorized('Unauthenticated access is not supported for this identity pool.');
  return { IdentityId: state.identities.createGuest().identityId };
}

/**
 * Enhanced flow: the role comes from the identity pool's roles and mappings,
 * never from the caller, and STS hands out credentials only if that role's
 * trust policy accepts the identity. Guests' sessions carry Cognito's session
 * policies; signed-in users must present their ID token again.
 */
export async function getCredentialsForIdentity(state: IdentityPoolState, input: JsonObject): Promise<JsonObject> {
  const reader = readInput(input, 'cognito-identity:GetCredentialsForIdentity').allowOnly(['IdentityId', 'Logins', 'CustomRoleArn']);
  const identityId = reader.requiredString('IdentityId', identityIdRule);
  const logins = reader.optionalStringMap('Logins');
  const customRoleArn = reader.optionalString('CustomRoleArn', { minLength: 20, maxLength: 2048 });
  const identity = findIdentity(state, identityId);
  const login = await verifyLogins(state.pool, state.verifiers, logins);
  const { config } = state.pool;

  let roleArn: string;
  let principalTags: Record<string, string> = {};
  let authenticationProvider: string | undefined;
  let amr: string[];
  if (!identity.authenticated) {
    if (login) {
      throw invalidParameter(
        `Identity '${identityId}' is a guest identity; linking a login to it is not supported by the offline runtime. Call GetId with the Logins map to get the user's identity.`,
      );
    }
    if (!config.allowUnauthenticatedIdentities) throw notAuthorized('Unauthenticated access is not supported for this identity pool.');
    if (!config.roles.unauthenticated) throw invalidPoolConfiguration();
    roleArn = config.roles.unauthenticated;
    amr = ['unauthenticated'];
  } else {
    if (!login || login.claims.sub !== identity.sub) throw loginsMismatch();
    const choice = chooseAuthenticatedRole(config, login);
    if ('denied' in choice) throw notAuthorized('Unable to determine the role for this user: no role mapping rule matched and the pool denies ambiguous users.');
    if ('missing' in choice) throw invalidPoolConfiguration();
    roleArn = choice.roleArn;
    principalTags = principalTagsFor(config, login);
    const signIn = `${login.providerName}:CognitoSignIn:${login.claims.sub}`;
    authenticationProvider = `${login.providerName},${signIn}`;
    amr = ['authenticated', login.providerName, signIn];
  }

  // With the enhanced flow there is exactly one role to pick; asking for any other is asking to escalate.
  if (customRoleArn !== undefined && customRoleArn !== roleArn) {
    throw notAuthorized(`CustomRoleArn ${customRoleArn} is not a role this identity may assume; the identity pool's rules grant ${roleArn}.`);
  }
  const role = assertRoleTrustsIdentity(state.roles, { roleArn, identityPoolId: config.id, identityId, amr, principalTags });
  const issued = state.credentials.issue({
    roleName: role.roleName,
    roleArn: role.roleArn,
    identityPoolId: config.id,
    identityId,
    authenticationType: identity.authenticated ? 'authenticated' : 'unauthenticated',
    ...(authenticationProvider === undefined ? {} : { authenticationProvider }),
    principalTags,
    amr,
    ...(identity.authenticated ? {} : { sessionPolicySet: guestSessionPolicySet }),
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
  if (!state.pool.config.allowClassicFlow) throw invalidParameter('Basic (classic) flow is not enabled, please use enhanced flow.');
  throw invalidParameter('The basic (classic) flow is not implemented by the offline runtime');
}
