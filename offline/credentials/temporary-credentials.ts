import { randomBytes } from 'node:crypto';
import { randomString, upperAlphanumerics } from '../state/random';

/** Identity-pool sessions last one hour, as GetCredentialsForIdentity's do. */
export const temporaryCredentialLifetimeMs = 60 * 60 * 1000;

const secretAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** `ASIA` marks temporary keys on AWS; tools key off the prefix. */
export const temporaryAccessKeyPattern = /^ASIA[A-Z0-9]{16}$/;

export function newTemporaryAccessKeyId(): string {
  return `ASIA${randomString(upperAlphanumerics, 16)}`;
}

/** 40 characters of base64's alphabet, as AWS secret keys look (~238 bits). */
export function newSecretAccessKey(): string {
  return randomString(secretAlphabet, 40);
}

/** Opaque to clients; 192 random bytes so it cannot be guessed even if the access key id leaks. */
export function newSessionToken(): string {
  return randomBytes(192).toString('base64');
}
