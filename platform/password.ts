import { randomInt } from 'node:crypto';
import { passwordPolicyViolations } from './user-pool';

const lower = 'abcdefghijkmnopqrstuvwxyz';
const upper = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const digits = '23456789';
/** Symbols Cognito counts, chosen to need no quoting in a shell or in the AWS CLI's `KEY=value,...` shorthand. */
const symbols = '-_.';
const all = lower + upper + digits;

/**
 * A random password that meets the user pool's policy, from a CSPRNG, with a
 * symbol in it so it also meets a policy that requires symbols. Used for the
 * test users' shared password, on AWS (by the provisioner) and offline alike.
 */
export function generatePassword(length = 24): string {
  for (;;) {
    const characters = Array.from({ length }, () => all[randomInt(all.length)]);
    characters[randomInt(length)] = symbols[randomInt(symbols.length)];
    const password = characters.join('');
    if (passwordPolicyViolations(password).length === 0 && /[A-Z]/.test(password) && /[a-z]/.test(password) && /[0-9]/.test(password)) {
      return password;
    }
  }
}
