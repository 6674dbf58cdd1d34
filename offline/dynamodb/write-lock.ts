/**
 * One writer at a time. Every write to the offline tables (single-item writes,
 * batches and transactions) runs under it, so a transaction checks its
 * conditions and applies its writes with nothing written in between: DynamoDB's
 * serializable isolation between a transaction and any other write.
 */
export class WriteLock {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
