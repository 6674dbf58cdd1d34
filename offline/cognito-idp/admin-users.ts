import { randomUUID } from 'node:crypto';
import { invalidParameter } from '../aws-json/errors';
import { readInput } from '../aws-json/input';
import type { JsonObject } from '../aws-json/service';
import { readAttributeList, validateAttributeWrites } from './attributes';
import {
  checkPasswordPolicy,
  checkUserPool,
  describeUser,
  findUserOrThrow,
  newUserAttributes,
  passwordRule,
  readEmailUsername,
  userPoolIdRule,
  usernameRule,
} from './operation-support';
import { generateTemporaryPassword } from './password-policy';
import { usernameExists, type PoolUser } from './user-directory';
import type { UserPoolState } from './user-pool-state';

function temporaryPasswordLifetimeMs(state: UserPoolState): number {
  return state.pool.config.passwordPolicy.temporaryPasswordValidityDays * 24 * 60 * 60 * 1000;
}

export async function adminGetUser(state: UserPoolState, input: JsonObject): Promise<JsonObject> {
  const reader = readInput(input, 'cognito-idp:AdminGetUser').allowOnly(['UserPoolId', 'Username']);
  checkUserPool(state, reader.requiredString('UserPoolId', userPoolIdRule));
  const user = findUserOrThrow(state, reader.requiredString('Username', usernameRule));
  const { Attributes, ...rest } = describeUser(user);
  return { ...rest, UserAttributes: Attributes };
}

/** The administrator path: may set any schema attribute, `custom:role` and `custom:shopId` included. */
export async function adminCreateUser(state: UserPoolState, input: JsonObject): Promise<JsonObject> {
  const reader = readInput(input, 'cognito-idp:AdminCreateUser').allowOnly([
    'UserPoolId',
    'Username',
    'UserAttributes',
    'TemporaryPassword',
    'MessageAction',
    'DesiredDeliveryMediums',
    'ClientMetadata',
    'ValidationData',
  ]);
  checkUserPool(state, reader.requiredString('UserPoolId', userPoolIdRule));
  const email = readEmailUsername(reader);
  const values = validateAttributeWrites(state.pool, readAttributeList(reader, 'UserAttributes') ?? []);
  const temporaryPassword = reader.optionalString('TemporaryPassword', passwordRule);
  const messageAction = reader.optionalString('MessageAction');
  const mediums = reader.optionalStringList('DesiredDeliveryMediums') ?? ['EMAIL'];
  if (messageAction !== undefined && messageAction !== 'SUPPRESS') {
    throw invalidParameter(`MessageAction ${messageAction} is not supported by the offline runtime; use SUPPRESS or leave it out`);
  }
  if (mediums.some((medium) => medium !== 'EMAIL')) {
    throw invalidParameter('DesiredDeliveryMediums other than EMAIL are not supported by the offline runtime');
  }
  const attributes = newUserAttributes(state, email, values);
  if (temporaryPassword !== undefined) checkPasswordPolicy(state, temporaryPassword);
  if (state.users.findByEmail(email)) throw usernameExists();

  const password = temporaryPassword ?? generateTemporaryPassword(state.pool.config.passwordPolicy);
  const passwordHash = await state.passwords.hash(password);
  const now = state.clock();
  const sub = randomUUID();
  const user: PoolUser = {
    username: sub,
    attributes: { ...attributes, sub },
    status: 'FORCE_CHANGE_PASSWORD',
    enabled: true,
    passwordHash,
    temporaryPasswordExpiresAt: now + temporaryPasswordLifetimeMs(state),
    createdAt: now,
    modifiedAt: now,
  };
  state.users.insert(user);
  // Stands in for the invitation e-mail Cognito would send.
  if (messageAction !== 'SUPPRESS') state.logger.info(`Temporary password for ${email}: ${password}`);
  return { User: describeUser(user) };
}

export async function adminSetUserPassword(state: UserPoolState, input: JsonObject): Promise<JsonObject> {
  const reader = readInput(input, 'cognito-idp:AdminSetUserPassword').allowOnly(['UserPoolId', 'Username', 'Password', 'Permanent']);
  checkUserPool(state, reader.requiredString('UserPoolId', userPoolIdRule));
  const name = reader.requiredString('Username', usernameRule);
  const password = reader.requiredString('Password', passwordRule);
  const permanent = reader.optionalBoolean('Permanent') ?? false;
  const user = findUserOrThrow(state, name);
  checkPasswordPolicy(state, password);
  const passwordHash = await state.passwords.hash(password);
  state.users.update(user.username, (stored) => {
    stored.passwordHash = passwordHash;
    const now = state.clock();
    if (permanent) {
      stored.status = 'CONFIRMED';
      delete stored.temporaryPasswordExpiresAt;
      delete stored.pendingCode;
    } else {
      stored.status = 'FORCE_CHANGE_PASSWORD';
      stored.temporaryPasswordExpiresAt = now + temporaryPasswordLifetimeMs(state);
    }
    stored.modifiedAt = now;
  });
  return {};
}

/**
 * An administrator switches a user off or on. A disabled user cannot sign in,
 * refresh or use an access token, and AdminGetUser answers `Enabled: false`;
 * the user still appears in ListUsers.
 */
async function setEnabled(state: UserPoolState, input: JsonObject, operation: string, enabled: boolean): Promise<JsonObject> {
  const reader = readInput(input, `cognito-idp:${operation}`).allowOnly(['UserPoolId', 'Username']);
  checkUserPool(state, reader.requiredString('UserPoolId', userPoolIdRule));
  const user = findUserOrThrow(state, reader.requiredString('Username', usernameRule));
  state.users.update(user.username, (stored) => {
    stored.enabled = enabled;
    stored.modifiedAt = state.clock();
  });
  return {};
}

export const adminDisableUser = (state: UserPoolState, input: JsonObject) => setEnabled(state, input, 'AdminDisableUser', false);
export const adminEnableUser = (state: UserPoolState, input: JsonObject) => setEnabled(state, input, 'AdminEnableUser', true);

export async function adminUpdateUserAttributes(state: UserPoolState, input: JsonObject): Promise<JsonObject> {
  const reader = readInput(input, 'cognito-idp:AdminUpdateUserAttributes').allowOnly([
    'UserPoolId',
    'Username',
    'UserAttributes',
    'ClientMetadata',
  ]);
  checkUserPool(state, reader.requiredString('UserPoolId', userPoolIdRule));
  const name = reader.requiredString('Username', usernameRule);
  const writes = readAttributeList(reader, 'UserAttributes');
  if (!writes) throw invalidParameter("1 validation error detected: Value null at 'userAttributes' failed to satisfy constraint: Member must not be null");
  const values = validateAttributeWrites(state.pool, writes);
  const user = findUserOrThrow(state, name);
  state.users.update(user.username, (stored) => {
    const emailChanged = values.email !== undefined && values.email !== stored.attributes.email;
    Object.assign(stored.attributes, values);
    // A changed address is unverified unless the administrator vouches for it in the same call.
    if (emailChanged && values.email_verified === undefined) stored.attributes.email_verified = 'false';
    stored.modifiedAt = state.clock();
  });
  return {};
}
