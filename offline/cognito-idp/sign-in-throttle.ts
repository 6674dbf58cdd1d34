import type { Clock } from '../state/clock';

const freeFailures = 5;
const maxLockMs = 15 * 60_000;

/**
 * Like Cognito: after five failed sign-ins for one user, each further failure
 * locks sign-in for a doubling time (1 s, 2 s, ... up to 15 minutes).
 */
export class SignInThrottle {
  private readonly failures = new Map<string, { count: number; lockedUntil: number }>();

  constructor(private readonly clock: Clock) {}

  isLocked(username: string): boolean {
    const entry = this.failures.get(username);
    return entry !== undefined && entry.lockedUntil > this.clock();
  }

  recordFailure(username: string): void {
    const entry = this.failures.get(username) ?? { count: 0, lockedUntil: 0 };
    entry.count += 1;
    if (entry.count >= freeFailures) {
      entry.lockedUntil = this.clock() + Math.min(1000 * 2 ** (entry.count - freeFailures), maxLockMs);
    }
    this.failures.set(username, entry);
  }

  recordSuccess(username: string): void {
    this.failures.delete(username);
  }
}
