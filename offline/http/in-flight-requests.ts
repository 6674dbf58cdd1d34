/**
 * Counts the requests the port is answering, so a reset can let those under
 * way finish before it stops the services they use.
 */
export class InFlightRequests {
  private count = 0;
  private readonly idle: Array<() => void> = [];

  async track(answer: () => Promise<void>): Promise<void> {
    this.count += 1;
    try {
      await answer();
    } finally {
      this.count -= 1;
      if (this.count === 0) for (const wake of this.idle.splice(0)) wake();
    }
  }

  /** Resolves once no request is under way, or after `maxMilliseconds` whatever remains. */
  drained(maxMilliseconds: number): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, maxMilliseconds);
      this.idle.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
