import { availableParallelism } from 'node:os';

/**
 * How many sandboxes the runtime keeps alive at once, across all its
 * functions. On Lambda each sandbox has memory of its own; offline every one
 * is a worker thread of this process (40–60 MiB each), and a busy platform
 * with a few sandboxes per function grew to a gigabyte. Past the budget, a
 * function that needs another sandbox takes the place of the sandbox left idle
 * longest, whichever function it belongs to (as Lambda reclaims idle
 * sandboxes), or waits until one is free. More sandboxes than cores would not
 * serve more calls anyway: they share this machine's CPUs.
 */
export const defaultSandboxBudget = Math.max(4, 2 * availableParallelism());

/** A function's side of the budget: its idle sandboxes, oldest first, and how to stop one. */
export interface SandboxOwner {
  /** When its longest-idle sandbox became idle (ms), or undefined when it has none idle. */
  oldestIdleSince(): number | undefined;
  /** Stops its longest-idle sandbox; the budget has already counted it out. */
  evictOldestIdle(): void;
}

export class SandboxBudget {
  private live = 0;
  private readonly owners = new Set<SandboxOwner>();
  private readonly waiters = new Set<() => void>();

  constructor(readonly limit: number = defaultSandboxBudget) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`A sandbox budget must be a whole number of at least 1, not ${limit}`);
  }

  register(owner: SandboxOwner): void {
    this.owners.add(owner);
  }

  /**
   * Counts in one more sandbox, making room by evicting the longest-idle
   * sandbox of any function if need be; false when every sandbox is busy.
   */
  reserve(): boolean {
    if (this.live >= this.limit) {
      let oldest: { owner: SandboxOwner; since: number } | undefined;
      for (const owner of this.owners) {
        const since = owner.oldestIdleSince();
        if (since !== undefined && (oldest === undefined || since < oldest.since)) oldest = { owner, since };
      }
      if (oldest === undefined) return false;
      this.live -= 1;
      oldest.owner.evictOldestIdle();
    }
    this.live += 1;
    return true;
  }

  /** A sandbox is gone (stopped, crashed, timed out, evicted by its own function). */
  release(): void {
    this.live -= 1;
    this.changed();
  }

  /** A sandbox became idle or went away: whoever waits for room may find some now. */
  changed(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }

  /** Resolves at the next change; `wake` may also be called by the caller's own events. */
  whenChanged(wake: () => void): void {
    this.waiters.add(wake);
  }

  /** For tests and benches. */
  get alive(): number {
    return this.live;
  }
}
