import { randomInt, timingSafeEqual } from 'node:crypto';
import { AwsServiceError, invalidParameter, notAuthorized, resourceNotFound } from '../aws-json/errors';
import type { InputReader } from '../aws-json/input';
import type { JsonObject } from '../aws-json/service';
import { emailPattern, validateAttributeWrites } from './attributes';
import { missingRequiredAttributes } from './schema';
import { passwordPolicyViolations } from './password-policy';
import { epochSeconds } from './pool-context';
import { TokenRejectedError } from './tokens';
import type { PendingCode, PoolUser } from './user-directory';
import type { UserPoolState } from './user-pool-state';

export const userPoolIdRule = { minLength: 1, maxLength: 55, pattern: /^[\w-]+_[0-9a-zA-Z]+$/ };
export const clientIdRule = { minLength: 1, maxLength: 128, pattern: /^[\w+]+$/ };
export const usernameRule = { minLength: 1, maxLength: 128 };
export const passwordRule = { minLength: 1, maxLength: 256 };
export const codeRule = { minLength: 1, maxLength: 2048, pattern: /^[\S]+$/ };

/** Members that only feed Lambda triggers or analytics, which the offline pool has none of. */
export const triggerMembers = ['ClientMetadata', 'AnalyticsMetadata', 'UserContextData'] as const;

/** Codes are valid for a day, as Cognito's confirmation codes are. */
const codeLifetimeMs = 24 * 60 * 60 * 1000;
const maxCodeAttempts = 5;

export function checkUserPool(state: UserPoolState, userPoolId: string): void {
  if (userPoolId !== state.pool.userPoolId) throw resourceNotFound(`User pool ${userPoolId} does not exist.`);
}

export function checkClient(state: UserPoolState, clientId: string): void {
  if (clientId !== state.pool.clientId) throw resourceNotFound(`User pool client ${clientId} does not exist.`);
}

export function userNotFound(): AwsServiceError {
  return new AwsServiceError('UserNotFoundException', 'User does not exist.');
}

export function findUserOrThrow(state: UserPoolState, name: string): PoolUser {
  const user = state.users.findBySignInName(name);
  if (!user) throw userNotFound();
  return user;
}

export function readEmailUsername(reader: InputReader): string {
  const username = reader.requiredString('Username', usernameRule);
  if (!emailPattern.test(username)) throw invalidParameter('Username should be an email.');
  return username;
}

/**
 * The attributes of a new user who signs in with `email`: the e-mail attribute
 * is the username (and must meet the schema's constraints for it), and every
 * attribute the schema requires must be there.
 */
export function newUserAttributes(state: UserPoolState, email: string, values: Record<string, string>): Record<string, string> {
  if (values.email !== undefined && !sameSignInName(state, values.email, email)) {
    throw invalidParameter('The email attribute must match the Username: this pool signs users in by e-mail');
  }
  const attributes = { ...values, ...validateAttributeWrites(state.pool, [{ name: 'email', value: email }]) };
  const missing = missingRequiredAttributes(state.pool.config, attributes);
  if (missing.length > 0) {
    throw invalidParameter(`Attributes did not conform to the schema: ${missing.map((name) => `${name}: The attribute is required`).join(', ')}`);
  }
  return attributes;
}

/** Whether two e-mail addresses name one user, under the pool's case sensitivity. */
export function sameSignInName(state: UserPoolState, a: string, b: string): boolean {
  return state.pool.config.caseSensitive ? a === b : a.toLowerCase() === b.toLowerCase();
}

/** Cognito reports only the first rule a password breaks. */
export function checkPasswordPolicy(state: UserPoolState, password: string): void {
  const violations = passwordPolicyViolations(state.pool.config.passwordPolicy, password);
  if (violations.length > 0) {
    throw new AwsServiceError('InvalidPasswordException', `Password did not conform with policy: ${violations[0]}`);
  }
}

export function attributeList(attributes: Record<string, string>, include: (name: string) => boolean = () => true): JsonObject[] {
  return Object.entries(attributes)
    .filter(([name]) => include(name))
    .map(([Name, Value]) => ({ Name, Value }));
}

/** AWS's UserType. */
export function describeUser(user: PoolUser, include?: (name: string) => boolean): JsonObject {
  return {
    Username: user.username,
    Attributes: attributeList(user.attributes, include),
    UserCreateDate: epochSeconds(user.createdAt),
    UserLastModifiedDate: epochSeconds(user.modifiedAt),
    Enabled: user.enabled,
    UserStatus: user.status,
  };
}

/** `s***@e***` as Cognito masks delivery destinations. */
export function maskEmail(email: string): string {
  const [local, domain = ''] = email.split('@');
  return `${local.charAt(0)}***@${domain.charAt(0)}***`;
}

export function emailDelivery(email: string): JsonObject {
  return { Destination: maskEmail(email), DeliveryMedium: 'EMAIL', AttributeName: 'email' };
}

export function newPendingCode(state: UserPoolState, purpose: PendingCode['purpose']): PendingCode {
  const code = String(randomInt(1_000_000)).padStart(6, '0');
  return { purpose, code, expiresAt: state.clock() + codeLifetimeMs, failedAttempts: 0 };
}

export function codeMismatch(): AwsServiceError {
  return new AwsServiceError('CodeMismatchException', 'Invalid verification code provided, please try again.');
}

/**
 * Checks `code` against the user's pending code for `purpose`. A wrong guess
 * is counted (and persisted) before the error is thrown, so retrying after a
 * restart does not reset the limit.
 */
export function consumeCode(state: UserPoolState, user: PoolUser, purpose: PendingCode['purpose'], code: string): void {
  const pending = user.pendingCode;
  if (!pending || pending.purpose !== purpose) throw codeMismatch();
  if (pending.failedAttempts >= maxCodeAttempts) {
    throw new AwsServiceError('LimitExceededException', 'Attempt limit exceeded, please try after some time.');
  }
  if (pending.expiresAt <= state.clock()) {
    throw new AwsServiceError('ExpiredCodeException', 'Invalid code provided, please request a code again.');
  }
  const expected = Buffer.from(pending.code);
  const given = Buffer.from(code);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    state.users.update(user.username, (stored) => {
      if (stored.pendingCode) stored.pendingCode.failedAttempts += 1;
    });
    throw codeMismatch();
  }
}

/** The user behind an access token (GetUser, UpdateUserAttributes, ...). */
export async function userFromAccessToken(state: UserPoolState, accessToken: string): Promise<PoolUser> {
  let username: string;
  try {
    username = (await state.tokens.verifyAccessToken(accessToken)).username;
  } catch (error: unknown) {
    if (error instanceof TokenRejectedError) {
      throw notAuthorized(error.rejection === 'expired' ? 'Access Token has expired' : 'Invalid Access Token');
    }
    throw error;
  }
  const user = state.users.get(username);
  if (!user) throw userNotFound();
  if (!user.enabled) throw notAuthorized('User is disabled.');
  return user;
}

export const accessTokenRule = { minLength: 1, pattern: /^[A-Za-z0-9\-_=.]+$/ };
