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
