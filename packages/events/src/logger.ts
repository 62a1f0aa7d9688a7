/** Minimal logger the relay and consumers write to; a pino or console instance fits. */
export interface EventsLogger {
  info(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

/** Warnings and errors to stderr, routine messages dropped. */
export const defaultLogger: EventsLogger = {
  info: () => undefined,
  warn: (message, context) => console.warn(`[events] ${message}`, context ?? ''),
  error: (message, context) => console.error(`[events] ${message}`, context ?? ''),
};

/** Short text of any thrown value, for `last_error` / `error` columns. */
export function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 4000);
  return String(error).slice(0, 4000);
}
