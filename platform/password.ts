import { randomInt } from 'node:crypto';
import { passwordPolicyViolations } from './user-pool';

const lower = 'abcdefghijkmnopqrstuvwxyz';
const upper = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const digits = '23456789';
const all = lower + upper + digits;

/**
 * A random password that meets the user pool's policy, from a CSPRNG. Used for the
 * test users' shared password, on AWS (by the provisioner) and offline alike.
 */
export function generatePassword(length = 24): string {
  for (;;) {
    const symbols = Array.from({ length }, () => all[randomInt(all.length)]);
    const password = symbols.join('');
    if (passwordPolicyViolations(password).length === 0) return password;
  }
}
