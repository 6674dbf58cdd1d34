/**
 * A fixed number of slots for work that must not all run at once: the rest wait
 * in arrival order, and a freed slot passes straight to the next in line so
 * nobody overtakes the queue. With `maxWaiting`, a caller past a full queue is
 * refused at once with `whenFull()` instead of waiting without limit.
 */
export interface SlotsOptions {
  maxWaiting?: number;
  whenFull?: () => Error;
}

export class Slots {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly count: number,
    private readonly options: SlotsOptions = {},
  ) {}

  /** Resolves with a release function once a slot is this caller's; releasing twice is harmless. */
  async acquire(): Promise<() => void> {
    if (this.running < this.count) {
      this.running += 1;
    } else {
      if (this.waiting.length >= (this.options.maxWaiting ?? Infinity)) throw (this.options.whenFull ?? (() => new Error('No slot free')))();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    };
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }

  /** For tests and benches: how many hold a slot and how many wait now. */
  load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }
}
