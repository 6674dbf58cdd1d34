import { AwsServiceError, invalidParameter, notAuthorized } from '../aws-json/errors';
import { readInput } from '../aws-json/input';
import type { JsonObject } from '../aws-json/service';
import { assertClientMayWrite, validateAttributeWrites, type AttributeWrite } from './attributes';
import {
  checkClient,
  checkPasswordPolicy,
  clientIdRule,
  triggerMembers,
} from './operation-support';
import { newAuthenticationEvent, type AuthenticationEvent } from './tokens';
import type { PoolUser } from './user-directory';
import type { UserPoolState } from './user-pool-state';

const authFlows = [
  'USER_SRP_AUTH',
  'REFRESH_TOKEN_AUTH',
  'REFRESH_TOKEN',
  'CUSTOM_AUTH',
  'ADMIN_NO_SRP_AUTH',
  'USER_PASSWORD_AUTH',
  'ADMIN_USER_PASSWORD_AUTH',
  'USER_AUTH',
];

/** One message for unknown users and wrong passwords, when the client prevents user existence errors. */
function incorrectCredentials(): AwsServiceError {
  return notAuthorized('Incorrect username or password.');
}

/** What an unknown user gets: the wrong-password answer, or with LEGACY errors, that the user does not exist. */
function unknownUser(state: UserPoolState): AwsServiceError {
  return state.pool.client.preventUserExistenceErrors ? incorrectCredentials() : new AwsServiceError('UserNotFoundException', 'User does not exist.');
}

function missingParameter(name: string): AwsServiceError {
  return invalidParameter(`Missing required parameter ${name}`);
}

async function authenticationResult(state: UserPoolState, user: PoolUser, event: AuthenticationEvent, withRefreshToken: boolean): Promise<JsonObject> {
  const tokens = await state.tokens.issue(user, event);
  return {
    AuthenticationResult: {
      AccessToken: tokens.accessToken,
      ExpiresIn: tokens.expiresIn,
      TokenType: 'Bearer',
      ...(withRefreshToken ? { RefreshToken: state.refreshTokens.issue(user.username, state.pool.clientId, event) } : {}),
      IdToken: tokens.idToken,
    },
    ChallengeParameters: {},
  };
}

async function passwordSignIn(state: UserPoolState, parameters: Record<string, string>): Promise<JsonObject> {
  const name = parameters.USERNAME;
  const password = parameters.PASSWORD;
  if (!name) throw missingParameter('USERNAME');
  if (!password) throw missingParameter('PASSWORD');
  const user = state.users.findBySignInName(name);
  // Unknown names are counted and locked like users, so neither the cost nor the lock tells them apart.
  const admission = state.throttle.admit(user ? user.username : `unknown:${name.toLowerCase()}`);
  if (!admission.admitted) throw notAuthorized('Password attempts exceeded');
  let matched: boolean;
  try {
    matched = user ? await state.passwords.verify(password, user.passwordHash) : await state.passwords.spend(password);
  } catch (error) {
    admission.settle('unchecked');
    throw error;
  }
  admission.settle(matched ? 'matched' : 'failed');
  if (!user) throw unknownUser(state);
  if (!matched) throw incorrectCredentials();
  if (!user.enabled) throw notAuthorized('User is disabled.');
  if (user.status === 'UNCONFIRMED') throw new AwsServiceError('UserNotConfirmedException', 'User is not confirmed.');
  if (user.status === 'FORCE_CHANGE_PASSWORD') {
    if (user.temporaryPasswordExpiresAt !== undefined && user.temporaryPasswordExpiresAt <= state.clock()) {
      throw notAuthorized('Temporary password has expired and must be reset by an administrator.');
    }
    const readable = Object.fromEntries(Object.entries(user.attributes).filter(([attribute]) => attribute !== 'sub'));
    return {
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: state.challenges.open(user.username, 'NEW_PASSWORD_REQUIRED'),
      ChallengeParameters: {
        USER_ID_FOR_SRP: user.username,
        requiredAttributes: '[]',
        userAttributes: JSON.stringify(readable),
      },
    };
  }
  return authenticationResult(state, user, newAuthenticationEvent(state.clock), true);
}

async function refreshSignIn(state: UserPoolState, parameters: Record<string, string>): Promise<JsonObject> {
  const token = parameters.REFRESH_TOKEN;
  if (!token) throw missingParameter('REFRESH_TOKEN');
  const grant = state.refreshTokens.find(token);
  if (grant === 'expired') throw notAuthorized('Refresh Token has expired');
  if (!grant || grant.clientId !== state.pool.clientId) throw notAuthorized('Invalid Refresh Token');
  const user = state.users.get(grant.username);
  if (!user) throw notAuthorized('User does not exist.');
  if (!user.enabled) throw notAuthorized('User is disabled.');
  // A password reset by an administrator ends the sessions that came before it.
  if (user.status !== 'CONFIRMED') throw notAuthorized('Invalid Refresh Token');
  return authenticationResult(state, user, grant, false);
}

export async function initiateAuth(state: UserPoolState, input: JsonObject): Promise<JsonObject> {
  const reader = readInput(input, 'cognito-idp:InitiateAuth').allowOnly(['AuthFlow', 'ClientId', 'AuthParameters', ...triggerMembers]);
  const flow = reader.requiredString('AuthFlow');
  if (!authFlows.includes(flow)) {
    throw invalidParameter(
      `1 validation error detected: Value '${flow}' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: [${authFlows.join(', ')}]`,
    );
  }
  const clientId = reader.requiredString('ClientId', clientIdRule);
  const parameters = reader.optionalStringMap('AuthParameters') ?? {};
  checkClient(state, clientId);
  if (flow.startsWith('ADMIN_')) throw invalidParameter('Initiate Auth method not supported.');
  const enabledFlows = state.pool.client.explicitAuthFlows;
  // USER_PASSWORD_AUTH is the flow's legacy name in a client's list, still accepted by Cognito.
  const passwordFlow = enabledFlows.includes('ALLOW_USER_PASSWORD_AUTH') || enabledFlows.includes('USER_PASSWORD_AUTH');
  if (flow === 'USER_PASSWORD_AUTH' && passwordFlow) return passwordSignIn(state, parameters);
  if ((flow === 'REFRESH_TOKEN_AUTH' || flow === 'REFRESH_TOKEN') && enabledFlows.includes('ALLOW_REFRESH_TOKEN_AUTH')) {
    return refreshSignIn(state, parameters);
  }
  throw invalidParameter(`${flow} flow not enabled for this client`);
}

/** NEW_PASSWORD_REQUIRED only: the one challenge this pool raises (for administrator-created users). */
export async function respondToAuthChallenge(state: UserPoolState, input: JsonObject): Promise<JsonObject> {
  const reader = readInput(input, 'cognito-idp:RespondToAuthChallenge').allowOnly([
    'ClientId',
    'ChallengeName',
    'Session',
    'ChallengeResponses',
    ...triggerMembers,
  ]);
  const clientId = reader.requiredString('ClientId', clientIdRule);
  const challengeName = reader.requiredString('ChallengeName');
  const sessionId = reader.requiredString('Session', { minLength: 20, maxLength: 2048 });
  const responses = reader.optionalStringMap('ChallengeResponses') ?? {};
  checkClient(state, clientId);
  if (challengeName !== 'NEW_PASSWORD_REQUIRED') {
    throw invalidParameter(`Challenge ${challengeName} is not supported by the offline runtime (it only raises NEW_PASSWORD_REQUIRED)`);
  }
  const session = state.challenges.find(sessionId);
  if (!session || session.challengeName !== challengeName) throw notAuthorized('Invalid session for the user, session is expired.');
  const user = state.users.get(session.username);
  if (!user || user.status !== 'FORCE_CHANGE_PASSWORD') throw notAuthorized('Invalid session for the user, session is expired.');
  const name = responses.USERNAME;
  if (!name) throw missingParameter('USERNAME');
  if (state.users.findBySignInName(name)?.username !== user.username) {
    throw notAuthorized('Invalid session for the user, session is expired.');
  }
  const newPassword = responses.NEW_PASSWORD;
  if (!newPassword) throw missingParameter('NEW_PASSWORD');
  const writes: AttributeWrite[] = [];
  for (const [key, value] of Object.entries(responses)) {
    if (key === 'USERNAME' || key === 'NEW_PASSWORD') continue;
    if (!key.startsWith('userAttributes.')) throw invalidParameter(`Challenge response ${key} is not supported by the offline runtime`);
    writes.push({ name: key.slice('userAttributes.'.length), value });
  }
  assertClientMayWrite(state.pool, writes);
  const values = validateAttributeWrites(state.pool, writes);
  checkPasswordPolicy(state, newPassword);
  const passwordHash = await state.passwords.hash(newPassword);
  state.challenges.close(sessionId);
  const updated = state.users.update(user.username, (stored) => {
    Object.assign(stored.attributes, values);
    stored.passwordHash = passwordHash;
    stored.status = 'CONFIRMED';
    delete stored.temporaryPasswordExpiresAt;
    stored.modifiedAt = state.clock();
  });
  return authenticationResult(state, updated, newAuthenticationEvent(state.clock), true);
}
