/**
 * What a resuming subscriber missed: the items after the one it names, oldest first; or why it
 * may not resume from there (too far back: it should read them another way).
 */
export type Backlog<T> = { missed: T[] } | { refused: Error };

export interface ResumableStreamSource<T> {
  /**
   * Adds the live listener, which hands each batch of new items to `push` (and must not block);
   * returns the function that removes it. Called first, before the backlog is read, so nothing
   * falls between the two.
   */
  listen: (push: (items: readonly T[]) => void) => () => void;
  /** Resume: reads what was missed, stopping early once `closed()` (the consumer has gone). Null: live only. */
  readBacklog: ((closed: () => boolean) => Promise<Backlog<T>>) | null;
  /**
   * Whether the item is still to go out, noting that it has: asked once per item just before it
   * is handed to the consumer, so an item both read in the backlog and pushed live goes out once.
   */
  deliverable: (item: T) => boolean;
  /** The order of the backlog merged with the live items queued while it was read (default: the backlog, then those). */
  order?: (a: T, b: T) => number;
  /** A consumer with more than this many items waiting is cut off with `tooSlow()` (it resumes from its last item). */
  maxQueued: number;
  tooSlow: () => Error;
}

/**
 * One subscriber's items as an async iterator: when resuming, the backlog first, then the live
 * items its listener is pushed. The listener is added before the backlog is read, so nothing
 * falls between the two, and `deliverable` keeps an item from going out twice. A consumer that
 * falls too far behind gets the source's `tooSlow()` error; `return()` (the client
 * unsubscribed, the socket closed) ends it at once.
 */
export class ResumableStream<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private failing: ((error: Error) => void) | undefined;
  private failure: Error | undefined;
  private done = false;
  private backlog: Promise<void> | null;
  private readonly remove: () => void;

  constructor(private readonly source: ResumableStreamSource<T>) {
    this.remove = source.listen((items) => this.push(items));
    this.backlog = source.readBacklog ? this.readBacklog(source.readBacklog) : null;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  async next(): Promise<IteratorResult<T>> {
    if (this.backlog) {
      const backlog = this.backlog;
      this.backlog = null;
      await backlog;
    }
    if (this.failure) {
      const failure = this.failure;
      this.finish();
      throw failure;
    }
    while (this.queue.length > 0) {
      const next = this.queue.shift()!;
      if (this.source.deliverable(next)) return { value: next, done: false };
    }
    if (this.done) return { value: undefined, done: true };
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failing = reject;
    });
  }

  async return(): Promise<IteratorResult<T>> {
    this.finish();
    return { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<IteratorResult<T>> {
    this.finish();
    throw error;
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.remove();
    this.queue.length = 0;
    const waiting = this.waiting;
    this.waiting = undefined;
    this.failing = undefined;
    waiting?.({ value: undefined, done: true });
  }

  private push(items: readonly T[]): void {
    if (this.done) return;
    for (const item of items) {
      if (this.waiting && this.queue.length === 0 && !this.backlog) {
        if (!this.source.deliverable(item)) continue;
        const waiting = this.waiting;
        this.waiting = undefined;
        this.failing = undefined;
        waiting({ value: item, done: false });
        continue;
      }
      this.queue.push(item);
    }
    if (this.queue.length > this.source.maxQueued) this.fail(this.source.tooSlow());
  }

  private fail(error: Error): void {
    if (this.waiting) {
      const failing = this.failing!;
      this.finish();
      failing(error);
    } else {
      this.failure = error;
      this.queue.length = 0;
      this.remove();
    }
  }

  /** The backlog, queued ahead of the live items pushed while it was read. */
  private async readBacklog(read: NonNullable<ResumableStreamSource<T>['readBacklog']>): Promise<void> {
    const backlog = await read(() => this.done);
    if ('refused' in backlog) {
      this.failure = backlog.refused;
      return;
    }
    this.queue.unshift(...backlog.missed);
    if (this.source.order) this.queue.sort(this.source.order);
  }
}
