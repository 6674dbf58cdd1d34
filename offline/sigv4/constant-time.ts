import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares secrets (signatures, session tokens) without leaking, through
 * timing, how many leading characters matched or how long the expected value
 * is: both sides are hashed to equal-length digests first.
 */
export function constantTimeEquals(received: string, expected: string): boolean {
  const receivedDigest = createHash('sha256').update(received, 'utf8').digest();
  const expectedDigest = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(receivedDigest, expectedDigest);
}
