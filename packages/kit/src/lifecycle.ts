import { rootLogger } from '@qurbani/telemetry';
/**
 * What a service has opened, in order, so it closes in reverse: HTTP before the consumers that
 * feed it, consumers before the connection they read from, everything before the database.
 */
export class Lifecycle {
  private readonly closers: Array<{ name: string; close: () => Promise<void> | void }> = [];
  private closing: Promise<void> | undefined;

  /**
   * Runs one start step and remembers how to undo it. When the step throws, everything opened
   * before it is closed (in reverse) and the step's error is thrown, so a failed start leaves
   * no connection, timer or port behind.
   */
  async open<T>(name: string, start: () => Promise<T>, close: (value: T) => Promise<void> | void): Promise<T> {
    let value: T;
    try {
      value = await start();
    } catch (error) {
      await this.close().catch(() => undefined);
      throw error;
    }
    this.closers.push({ name, close: () => close(value) });
    return value;
  }

  /** Registers something already running (a timer, a client) to close at stop. */
  defer(name: string, close: () => Promise<void> | void): void {
    this.closers.push({ name, close });
  }

  /**
   * Closes everything in reverse order of opening. A closer that fails does not keep the ones after
   * it from running; the first failure is thrown at the end. Calling it again waits for the same close.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      let failure: { error: unknown } | undefined;
      for (const { name, close } of this.closers.splice(0).reverse()) {
        try {
          await close();
        } catch (error) {
          rootLogger().error({ err: error, step: name }, 'stopping a step failed');
          failure ??= { error };
        }
      }
      if (failure) throw failure.error;
    })();
    return this.closing;
  }
}
