import { generatePassword } from '../../platform/password';
import { passwordPolicyViolations } from '../../platform/user-pool';

describe('generatePassword', () => {
  it('always meets the password policy and never repeats', () => {
    const passwords = Array.from({ length: 200 }, () => generatePassword());
    for (const password of passwords) {
      expect(passwordPolicyViolations(password)).toEqual([]);
      expect(password).toHaveLength(24);
    }
    expect(new Set(passwords).size).toBe(passwords.length);
  });
});
