import { AwsServiceError } from '../aws-json/errors';

/**
 * Password hashing (scrypt, ~50 ms of CPU and 16 MiB each) runs on libuv's
 * thread pool, which dynalite's LevelDB and the file system share. Unbounded,
 * 200 sign-ins at once would queue 200 derivations ahead of every table read on
 * the platform. This gate runs a few at a time, lets a bounded number wait, and
 * answers the rest as Cognito answers a caller over its rate: TooManyRequestsException.
 */
export class PasswordWorkGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly maxRunning: number,
    private readonly maxWaiting: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.maxRunning) {
      if (this.waiting.length >= this.maxWaiting) throw tooManyRequests();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next in line, so nobody can overtake the queue.
      if (next) next();
      else this.running -= 1;
    }
  }

  /** For tests and the bench: how many derivations run and wait now. */
  load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }
}

export function tooManyRequests(): AwsServiceError {
  return new AwsServiceError('TooManyRequestsException', 'Rate exceeded');
}

/**
 * One derivation at a time (about 15 sign-ins a second on one core), so the
 * request loop and the table keep the rest of the machine; measured by
 * `npm run bench:sign-in-flood` (two at a time doubled the latency others see).
 */
export const passwordWork = new PasswordWorkGate(1, 64);
