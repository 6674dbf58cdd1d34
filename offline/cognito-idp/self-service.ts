import { invalidParameter } from '../aws-json/errors';
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
  return { Username: user.username, UserAttributes: attributeList(user.attributes, isClientReadable) };
}

/** The user changes their own attributes: the same write-attribute rule as SignUp. */
export async function updateUserAttributes(state: UserPoolState, input: JsonObject): Promise<JsonObject> {
  const reader = readInput(input, 'cognito-idp:UpdateUserAttributes').allowOnly(['AccessToken', 'UserAttributes', ...triggerMembers]);
  const accessToken = reader.requiredString('AccessToken', accessTokenRule);
  const writes = readAttributeList(reader, 'UserAttributes');
  if (!writes) throw invalidParameter("1 validation error detected: Value null at 'userAttributes' failed to satisfy constraint: Member must not be null");
  const user = await userFromAccessToken(state, accessToken);
  assertClientMayWrite(writes);
  const values = validateAttributeWrites(writes);
  const emailChanged = values.email !== undefined && values.email !== user.attributes.email;
  const phoneChanged = values.phone_number !== undefined && values.phone_number !== user.attributes.phone_number;
  let pendingCode: PendingCode | undefined;
  if (emailChanged) pendingCode = newPendingCode(state, 'verify-email');
  state.users.update(user.username, (stored) => {
    Object.assign(stored.attributes, values);
    // A new address or number is unproven until the user confirms it.
    if (emailChanged) {
      stored.attributes.email_verified = 'false';
      stored.pendingCode = pendingCode;
    }
    if (phoneChanged) stored.attributes.phone_number_verified = 'false';
    stored.modifiedAt = state.clock();
  });
  if (emailChanged && pendingCode && values.email) {
    state.logger.info(`Verification code for ${values.email}: ${pendingCode.code}`);
    return { CodeDeliveryDetailsList: [emailDelivery(values.email)] };
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
    stored.attributes.email_verified = 'true';
    delete stored.pendingCode;
    stored.modifiedAt = state.clock();
  });
  return {};
}
