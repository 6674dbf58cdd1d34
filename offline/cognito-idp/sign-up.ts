import { randomUUID } from 'node:crypto';
import { invalidParameter, notAuthorized } from '../aws-json/errors';
import { readInput } from '../aws-json/input';
import type { JsonObject } from '../aws-json/service';
import { assertClientMayWrite, readAttributeList, validateAttributeWrites } from './attributes';
import {
  checkClient,
  checkPasswordPolicy,
  userNotFound,
  clientIdRule,
  codeMismatch,
  codeRule,
  consumeCode,
  emailDelivery,
  newUserAttributes,
  newPendingCode,
  passwordRule,
  readEmailUsername,
  triggerMembers,
  usernameRule,
} from './operation-support';
import { usernameExists, type PoolUser } from './user-directory';
import type { UserPoolState } from './user-pool-state';

/** Self-service registration: only the client's write attributes, never `custom:*`. */
export async function signUp(state: UserPoolState, input: JsonObject): Promise<JsonObject> {
  const reader = readInput(input, 'cognito-idp:SignUp').allowOnly([
    'ClientId',
    'Username',
    'Password',
    'UserAttributes',
    'ValidationData',
    ...triggerMembers,
  ]);
  const clientId = reader.requiredString('ClientId', clientIdRule);
  const email = readEmailUsername(reader);
  const password = reader.requiredString('Password', passwordRule);
  const writes = readAttributeList(reader, 'UserAttributes') ?? [];
  checkClient(state, clientId);
  if (state.pool.config.allowAdminCreateUserOnly) throw notAuthorized('SignUp is not permitted for this user pool');
  assertClientMayWrite(state.pool, writes);
  const attributes = newUserAttributes(state, email, validateAttributeWrites(state.pool, writes));
  checkPasswordPolicy(state, password);
  if (state.users.findByEmail(email)) throw usernameExists();

  const passwordHash = await state.passwords.hash(password);
  const now = state.clock();
  const sub = randomUUID();
  const pendingCode = newPendingCode(state, 'sign-up');
  const user: PoolUser = {
    username: sub,
    attributes: { ...attributes, sub, email_verified: 'false' },
    status: 'UNCONFIRMED',
    enabled: true,
    passwordHash,
    createdAt: now,
    modifiedAt: now,
    pendingCode,
  };
  state.users.insert(user);
  state.logger.info(`Confirmation code for ${email}: ${pendingCode.code}`);
  return { UserConfirmed: false, UserSub: sub, CodeDeliveryDetails: emailDelivery(email) };
}

export async function confirmSignUp(state: UserPoolState, input: JsonObject): Promise<JsonObject> {
  const reader = readInput(input, 'cognito-idp:ConfirmSignUp').allowOnly(['ClientId', 'Username', 'ConfirmationCode', ...triggerMembers]);
  const clientId = reader.requiredString('ClientId', clientIdRule);
  const name = reader.requiredString('Username', usernameRule);
  const code = reader.requiredString('ConfirmationCode', codeRule);
  checkClient(state, clientId);
  const user = state.users.findBySignInName(name);
  // An unknown user gets the answer a wrong code gets, unless the client reports user existence (LEGACY).
  if (!user) throw state.pool.client.preventUserExistenceErrors ? codeMismatch() : userNotFound();
  if (user.status !== 'UNCONFIRMED') throw notAuthorized(`User cannot be confirmed. Current status is ${user.status}`);
  consumeCode(state, user, 'sign-up', code);
  state.users.update(user.username, (stored) => {
    stored.status = 'CONFIRMED';
    // The code went to the address, so an auto-verified e-mail is now proven.
    if (state.pool.config.autoVerifiedAttributes.includes('email')) stored.attributes.email_verified = 'true';
    delete stored.pendingCode;
    stored.modifiedAt = state.clock();
  });
  return {};
}

export async function resendConfirmationCode(state: UserPoolState, input: JsonObject): Promise<JsonObject> {
  const reader = readInput(input, 'cognito-idp:ResendConfirmationCode').allowOnly(['ClientId', 'Username', ...triggerMembers]);
  const clientId = reader.requiredString('ClientId', clientIdRule);
  const name = reader.requiredString('Username', usernameRule);
  checkClient(state, clientId);
  const user = state.users.findBySignInName(name);
  if (!user) return { CodeDeliveryDetails: emailDelivery(name) };
  if (user.status !== 'UNCONFIRMED') throw invalidParameter('User is already confirmed.');
  const email = user.attributes.email ?? name;
  const pendingCode = newPendingCode(state, 'sign-up');
  state.users.update(user.username, (stored) => {
    stored.pendingCode = pendingCode;
  });
  state.logger.info(`Confirmation code for ${email}: ${pendingCode.code}`);
  return { CodeDeliveryDetails: emailDelivery(email) };
}
