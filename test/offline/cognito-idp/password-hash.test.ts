import { PasswordHasher, standardScryptCost } from '../../../offline/cognito-idp/password-hash';
import { testScryptCost } from '../../support/test-scrypt-cost';

describe('PasswordHasher', () => {
  it('hashes at the standard cost unless told otherwise, and the hash names its cost and salt, never the password', async () => {
    const stored = await new PasswordHasher().hash('Correct1Horse');
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(standardScryptCost).toEqual({ N: 16384, r: 8, p: 1 });
    expect(stored).not.toContain('Correct1Horse');
  });

  it('verifies a hash made at another cost by the cost the hash names, and refuses a wrong password', async () => {
    const cheap = new PasswordHasher(testScryptCost);
    const standard = new PasswordHasher();
    const stored = await cheap.hash('Correct1Horse');
    expect(stored.startsWith('scrypt$1024$8$1$')).toBe(true);
    await expect(standard.verify('Correct1Horse', stored)).resolves.toBe(true);
    await expect(standard.verify('Correct1horse', stored)).resolves.toBe(false);
    await expect(standard.verify('Correct1Horse', 'bcrypt$whatever')).resolves.toBe(false);
  });

  it('spends a check on a decoy at its own cost for an unknown user, and always refuses', async () => {
    const hasher = new PasswordHasher(testScryptCost);
    await expect(hasher.spend('Correct1Horse')).resolves.toBe(false);
    await expect(hasher.spend('anything')).resolves.toBe(false);
  });
});
