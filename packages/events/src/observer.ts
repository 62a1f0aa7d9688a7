/** How a consumer's delivery of one event ended. */
export type ConsumeOutcome = 'handled' | 'duplicate' | 'retried' | 'dead_lettered';

/**
 * What the relay and consumers report for metrics (a service passes its own; see
 * `@qurbani/telemetry`'s ServiceMetrics). Kept structural so this package needs no metrics library.
 */
export interface EventsObserver {
  consumed(event: {
    durable: string;
    subject: string;
    outcome: ConsumeOutcome;
    deliveryCount: number;
    seconds: number;
  }): void;
  published(subject: string): void;
}

/** Reports nothing. */
export const silentObserver: EventsObserver = { consumed: () => undefined, published: () => undefined };

/**
 * Spans for the relay's consumers (a service passes its own; see `@qurbani/telemetry`'s
 * `tracingFor`). Structural, like the observer, so this package needs no tracing SDK.
 */
export interface EventsTracer {
  readonly on: boolean;
  span<T>(
    name: string,
    fn: () => Promise<T>,
    options: { parent: string | null; kind: 'consumer'; attributes: Record<string, string | number> },
  ): Promise<T>;
}
