import { generatePassword } from '../../platform/password';
import { passwordPolicyViolations } from '../../platform/user-pool';

describe('generatePassword', () => {
  it('always meets the password policy, even one requiring symbols, and never repeats', () => {
    const passwords = Array.from({ length: 200 }, () => generatePassword());
    for (const password of passwords) {
      expect(passwordPolicyViolations(password)).toEqual([]);
      expect(password).toHaveLength(24);
      // Upper, lower, digit and a symbol that needs no quoting in a shell or the AWS CLI's shorthand.
      expect(password).toMatch(/^(?=.*[A-Z])(?=.*[a-z])(?=.*[0-9])(?=.*[-_.])[A-Za-z0-9_.-]{24}$/);
    }
    expect(new Set(passwords).size).toBe(passwords.length);
  });
});
