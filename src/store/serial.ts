/**
 * Runs tasks one after another, in the order they were given; a task that fails does not stop
 * the next. Read-modify-write of a store key goes through one of these, so concurrent updates
 * in this process never overwrite each other.
 */
export class Serial {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `task` after every task given before it; resolves or rejects with its result. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const next = this.tail.then(task);
    this.tail = next.catch(() => undefined);
    return next;
  }
}
