import { randomInt } from 'node:crypto';

export const upperAlphanumerics = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export const lowerAlphanumerics = 'abcdefghijklmnopqrstuvwxyz0123456789';
export const alphanumerics = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Uniform over the alphabet (randomInt has no modulo bias), from the CSPRNG. */
export function randomString(alphabet: string, length: number): string {
  let result = '';
  for (let index = 0; index < length; index += 1) result += alphabet[randomInt(alphabet.length)];
  return result;
}

/** `eu-central-1_AbC123xYz`, as Cognito forms user pool ids. */
export function newUserPoolId(region: string): string {
  return `${region}_${randomString(alphanumerics, 9)}`;
}

/** 26 lower-case alphanumerics, like Cognito app client ids. */
export function newAppClientId(): string {
  return randomString(lowerAlphanumerics, 26);
}
