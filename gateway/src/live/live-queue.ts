import type { ExecutionResult } from 'graphql';

/** Results waiting for a slow subscriber beyond which the oldest are dropped (each is a full, newer state). */
const MAX_WAITING = 256;

/**
 * The async iterator graphql-ws drains for one subscription: events are pushed in as they are
 * resolved; `return()` (client completed, socket closed) runs `onEnd` at once, even while the
 * consumer waits for the next event, which an `async function*` cannot do.
 */
export class LiveQueue implements AsyncIterableIterator<ExecutionResult> {
  private readonly waiting: ExecutionResult[] = [];
  private readonly takers: ((r: IteratorResult<ExecutionResult>) => void)[] = [];
  private done = false;

  constructor(private readonly onEnd: () => void) {}

  get ended(): boolean {
    return this.done;
  }

  push(result: ExecutionResult): void {
    if (this.done) return;
    const taker = this.takers.shift();
    if (taker) return taker({ value: result, done: false });
    this.waiting.push(result);
    if (this.waiting.length > MAX_WAITING) this.waiting.shift();
  }

  /** Ends the stream after what is already queued (and `last`, e.g. the error that ended it). */
  end(last?: ExecutionResult): void {
    if (this.done) return;
    if (last) this.push(last);
    this.done = true;
    this.onEnd();
    for (const taker of this.takers.splice(0)) taker({ value: undefined, done: true });
  }

  next(): Promise<IteratorResult<ExecutionResult>> {
    const value = this.waiting.shift();
    if (value) return Promise.resolve({ value, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => this.takers.push(resolve));
  }

  return(): Promise<IteratorResult<ExecutionResult>> {
    this.waiting.length = 0;
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<ExecutionResult>> {
    this.return();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
