import { randomBytes, scrypt, timingSafeEqual, type BinaryLike, type ScryptOptions } from 'node:crypto';
import { passwordWork } from './password-work';

const cost = { N: 16384, r: 8, p: 1 } as const;
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

/** `scrypt$N$r$p$salt$hash`: users.json never holds a password. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
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
let decoy: Promise<string> | undefined;
export async function spendPasswordCheck(password: string): Promise<false> {
  // A decoy refused by a busy gate is made again next time, not kept as a rejection.
  decoy ??= hashPassword(randomBytes(16).toString('hex')).catch((error: unknown) => {
    decoy = undefined;
    throw error;
  });
  await verifyPassword(password, await decoy);
  return false;
}
