import type { Clock } from '../state/clock';

const freeFailures = 5;
const maxLockMs = 15 * 60_000;
/** Names tracked at once; the oldest idle ones are forgotten first. */
const maxTrackedNames = 10_000;

interface Attempts {
  failures: number;
  lockedUntil: number;
  /** Password checks started and not yet settled: each may still be a failure. */
  inFlight: number;
}

/** How an admitted attempt ended: the password was checked and matched or not, or it was never checked (refused as too busy). */
export type AttemptOutcome = 'matched' | 'failed' | 'unchecked';

export type SignInAdmission = { admitted: true; settle(outcome: AttemptOutcome): void } | { admitted: false };

/**
 * Like Cognito: after five failed sign-ins for one name, each further failure
 * locks sign-in for a doubling time (1 s, 2 s, ... up to 15 minutes).
 *
 * Counted atomically: a password check is admitted before it is awaited, and a
 * check still in flight counts as a possible failure. So 40 wrong passwords sent
 * at once get at most five checks, as 40 sent one after another would; past the
 * free failures only one check runs at a time. Unknown names are tracked like
 * known ones, so the lock does not tell them apart.
 */
export class SignInThrottle {
  private readonly attempts = new Map<string, Attempts>();

  constructor(private readonly clock: Clock) {}

  admit(name: string): SignInAdmission {
    const entry = this.attempts.get(name) ?? { failures: 0, lockedUntil: 0, inFlight: 0 };
    if (entry.lockedUntil > this.clock()) return { admitted: false };
    const pastFreeFailures = entry.failures + entry.inFlight >= freeFailures;
    if (pastFreeFailures && entry.inFlight > 0) return { admitted: false };
    entry.inFlight += 1;
    this.track(name, entry);
    let settled = false;
    return {
      admitted: true,
      settle: (outcome) => {
        if (settled) return;
        settled = true;
        entry.inFlight -= 1;
        if (outcome === 'matched') {
          entry.failures = 0;
          entry.lockedUntil = 0;
        } else if (outcome === 'failed') {
          entry.failures += 1;
          if (entry.failures >= freeFailures) {
            entry.lockedUntil = this.clock() + Math.min(1000 * 2 ** (entry.failures - freeFailures), maxLockMs);
          }
        }
        if (entry.failures === 0 && entry.inFlight === 0 && this.attempts.get(name) === entry) this.attempts.delete(name);
      },
    };
  }

  /**
   * Keeps the map bounded: names nobody is signing in with are dropped oldest
   * first, unlocked ones before locked ones, so a flood of new names does not
   * lift a lock while there is anything else to forget.
   */
  private track(name: string, entry: Attempts): void {
    this.attempts.delete(name);
    this.attempts.set(name, entry);
    const now = this.clock();
    for (const forgettable of [(attempts: Attempts) => attempts.lockedUntil <= now, () => true]) {
      for (const [oldest, attempts] of this.attempts) {
        if (this.attempts.size <= maxTrackedNames) return;
        if (attempts.inFlight === 0 && forgettable(attempts)) this.attempts.delete(oldest);
      }
    }
  }
}
