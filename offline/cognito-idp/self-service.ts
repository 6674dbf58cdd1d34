import { AwsServiceError, invalidParameter } from '../aws-json/errors';
import { readInput } from '../aws-json/input';
import type { JsonObject } from '../aws-json/service';
import { assertClientMayWrite, isClientReadable, readAttributeList, validateAttributeWrites } from './attributes';
import {
  accessTokenRule,
  attributeList,
  codeRule,
  consumeCode,
  emailDelivery,
  newPendingCode,
  triggerMembers,
  userFromAccessToken,
} from './operation-support';
import type { PendingCode } from './user-directory';
import type { UserPoolState } from './user-pool-state';

export async function getUser(state: UserPoolState, input: JsonObject): Promise<JsonObject> {
  const reader = readInput(input, 'cognito-idp:GetUser').allowOnly(['AccessToken']);
  const user = await userFromAccessToken(state, reader.requiredString('AccessToken', accessTokenRule));
  return { Username: user.username, UserAttributes: attributeList(user.attributes, (name) => isClientReadable(state.pool, name)) };
}

/**
 * The user changes their own attributes: the same write-attribute rule as SignUp.
 * A new e-mail address is unproven: either it takes effect unverified, or, when
 * the pool verifies e-mail before an update, it stays pending (the old address
 * still signs in) until the user enters the code sent to the new one.
 */
export async function updateUserAttributes(state: UserPoolState, input: JsonObject): Promise<JsonObject> {
  const reader = readInput(input, 'cognito-idp:UpdateUserAttributes').allowOnly(['AccessToken', 'UserAttributes', ...triggerMembers]);
  const accessToken = reader.requiredString('AccessToken', accessTokenRule);
  const writes = readAttributeList(reader, 'UserAttributes');
  if (!writes) throw invalidParameter("1 validation error detected: Value null at 'userAttributes' failed to satisfy constraint: Member must not be null");
  const user = await userFromAccessToken(state, accessToken);
  assertClientMayWrite(state.pool, writes);
  const values = validateAttributeWrites(state.pool, writes);
  const newEmail = values.email !== undefined && values.email !== user.attributes.email ? values.email : undefined;
  const phoneChanged = values.phone_number !== undefined && values.phone_number !== user.attributes.phone_number;
  const verifyFirst = newEmail !== undefined && state.pool.config.attributesRequireVerificationBeforeUpdate.includes('email');
  if (verifyFirst && state.users.findByEmail(newEmail)) {
    throw new AwsServiceError('AliasExistsException', 'An account with the given email already exists.');
  }
  let pendingCode: PendingCode | undefined;
  if (newEmail !== undefined) pendingCode = newPendingCode(state, 'verify-email');
  state.users.update(user.username, (stored) => {
    const { email, ...others } = values;
    Object.assign(stored.attributes, verifyFirst ? others : values);
    if (newEmail !== undefined && verifyFirst) {
      stored.pendingAttributes = { ...stored.pendingAttributes, email: newEmail };
    } else if (newEmail !== undefined && email !== undefined) {
      stored.attributes.email_verified = 'false';
      delete stored.pendingAttributes;
    }
    if (newEmail !== undefined) stored.pendingCode = pendingCode;
    if (phoneChanged) stored.attributes.phone_number_verified = 'false';
    stored.modifiedAt = state.clock();
  });
  if (newEmail !== undefined && pendingCode) {
    state.logger.info(`Verification code for ${newEmail}: ${pendingCode.code}`);
    return { CodeDeliveryDetailsList: [emailDelivery(newEmail)] };
  }
  return { CodeDeliveryDetailsList: [] };
}

export async function verifyUserAttribute(state: UserPoolState, input: JsonObject): Promise<JsonObject> {
  const reader = readInput(input, 'cognito-idp:VerifyUserAttribute').allowOnly(['AccessToken', 'AttributeName', 'Code']);
  const accessToken = reader.requiredString('AccessToken', accessTokenRule);
  const attribute = reader.requiredString('AttributeName', { minLength: 1, maxLength: 32 });
  const code = reader.requiredString('Code', codeRule);
  const user = await userFromAccessToken(state, accessToken);
  if (attribute !== 'email') throw invalidParameter(`Verifying ${attribute} is not supported by the offline runtime; only email is`);
  consumeCode(state, user, 'verify-email', code);
  state.users.update(user.username, (stored) => {
    const pendingEmail = stored.pendingAttributes?.email;
    // The directory refuses the change if someone else took the address meanwhile.
    if (pendingEmail !== undefined) stored.attributes.email = pendingEmail;
    stored.attributes.email_verified = 'true';
    delete stored.pendingAttributes;
    delete stored.pendingCode;
    stored.modifiedAt = state.clock();
  });
  return {};
}
