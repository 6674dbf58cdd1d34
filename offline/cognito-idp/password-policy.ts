import { randomInt } from 'node:crypto';
import type { PasswordPolicy } from '../deployment/model';

/** The symbols Cognito counts toward "require symbols" (a space counts too, but not first or last). */
const symbols = '^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+-';

/** Reasons a password breaks the pool's policy, in Cognito's words; empty when it conforms. */
export function passwordPolicyViolations(policy: PasswordPolicy, password: string): string[] {
  const violations: string[] = [];
  if ([...password].length < policy.minimumLength) violations.push('Password not long enough');
  if (policy.requireUppercase && !/[A-Z]/.test(password)) violations.push('Password must have uppercase characters');
  if (policy.requireLowercase && !/[a-z]/.test(password)) violations.push('Password must have lowercase characters');
  if (policy.requireNumbers && !/[0-9]/.test(password)) violations.push('Password must have numeric characters');
  const hasSymbol = [...password].some((character) => symbols.includes(character)) || / /.test(password.trim());
  if (policy.requireSymbols && !hasSymbol) violations.push('Password must have symbol characters');
  return violations;
}

const alphabet = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A temporary password that meets the pool's policy, from the CSPRNG, as AdminCreateUser generates one. */
export function generateTemporaryPassword(policy: PasswordPolicy): string {
  const length = Math.max(policy.minimumLength, 24);
  for (;;) {
    const characters = Array.from({ length }, () => alphabet[randomInt(alphabet.length)]);
    if (policy.requireSymbols) characters[randomInt(length)] = symbols[randomInt(symbols.length)];
    const password = characters.join('');
    if (passwordPolicyViolations(policy, password).length === 0) return password;
  }
}
