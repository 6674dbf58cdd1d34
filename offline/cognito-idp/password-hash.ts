import { randomBytes, scrypt, timingSafeEqual, type BinaryLike, type ScryptOptions } from 'node:crypto';
import { passwordWork } from './password-work';

/** scrypt's work factors: N (CPU and memory), r (block size), p (parallelism). */
export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** What the platform stores passwords with: scrypt's cost for interactive logins (about 50 ms of CPU and 16 MiB each). */
export const standardScryptCost: ScryptCost = { N: 16384, r: 8, p: 1 };

const keyLength = 32;

/** Every derivation passes the platform's password-work gate (bounded concurrency and queue). */
function derive(password: BinaryLike, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return passwordWork.run(
    () =>
      new Promise((resolve, reject) => {
        scrypt(password, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
      }),
  );
}

/**
 * The user pool's password hashing. `scrypt$N$r$p$salt$hash`: users.json never
 * holds a password, and a stored hash names its own cost, so a pool verifies
 * hashes made at any cost. The cost of new hashes is the runtime's: the standard
 * one unless a test asks for less (as Django's and Rails' test settings do).
 */
export class PasswordHasher {
  private decoy: Promise<string> | undefined;

  constructor(private readonly cost: ScryptCost = standardScryptCost) {}

  async hash(password: string): Promise<string> {
    const salt = randomBytes(16);
    const { N, r, p } = this.cost;
    const key = await derive(password, salt, { N, r, p, maxmem: 64 * 1024 * 1024 });
    return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
  }

  async verify(password: string, stored: string): Promise<boolean> {
    const parts = stored.split('$');
    if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
    const [N, r, p] = parts.slice(1, 4).map(Number);
    const salt = Buffer.from(parts[4], 'base64');
    const expected = Buffer.from(parts[5], 'base64');
    const actual = await derive(password, salt, { N, r, p, maxmem: 64 * 1024 * 1024 });
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }

  /**
   * Checked when a sign-in names no user, so an unknown user costs as much time
   * as a wrong password and timing does not reveal which e-mails are registered.
   */
  async spend(password: string): Promise<false> {
    // A decoy refused by a busy gate is made again next time, not kept as a rejection.
    this.decoy ??= this.hash(randomBytes(16).toString('hex')).catch((error: unknown) => {
      this.decoy = undefined;
      throw error;
    });
    await this.verify(password, await this.decoy);
    return false;
  }
}
