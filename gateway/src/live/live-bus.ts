import { liveWireSubject, type LiveKindName, type LiveSignal } from '@qurbani/events/live';
import { natsServerOptions } from '@qurbani/events/nats-url';
import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';

type Listener = (signal: LiveSignal, id: string) => void;

interface Interest {
  subscription: Subscription;
  listeners: Set<Listener>;
}

/**
 * This replica's side of the live fan-out: one core NATS subscription per followed subject (shared
 * by every local subscriber of it, dropped with the last one), so NATS only sends a replica the
 * signals its own subscribers follow, and each of them once.
 */
export class LiveBus {
  private readonly interests = new Map<string, Interest>();

  private constructor(
    private readonly nc: NatsConnection,
    private readonly prefix: string | undefined,
  ) {}

  /** `url` is `NATS_URL`, credentials included (`nats://gateway:<password>@nats:4222`). */
  static async connect(url: string, prefix: string | undefined): Promise<LiveBus> {
    return new LiveBus(
      await connect({ ...natsServerOptions(url), name: 'qurbani-gateway-live', maxReconnectAttempts: -1 }),
      prefix,
    );
  }

  /** Calls `listener` for each signal of `live.<kind>.<id>` (`id` may be `*`); returns the unlistener. */
  listen(kind: LiveKindName, id: string, listener: Listener): () => void {
    const subject = liveWireSubject(this.prefix, kind, id);
    let interest = this.interests.get(subject);
    if (!interest) {
      const listeners = new Set<Listener>();
      const subscription = this.nc.subscribe(subject, {
        callback: (error, msg) => {
          if (error) return;
          let signal: LiveSignal;
          try {
            signal = msg.json<LiveSignal>();
          } catch {
            return;
          }
          const signalId = msg.subject.slice(msg.subject.lastIndexOf('.') + 1);
          for (const l of listeners) l(signal, signalId);
        },
      });
      interest = { subscription, listeners };
      this.interests.set(subject, interest);
    }
    interest.listeners.add(listener);
    return () => {
      const current = this.interests.get(subject);
      if (!current?.listeners.delete(listener) || current.listeners.size > 0) return;
      current.subscription.unsubscribe();
      this.interests.delete(subject);
    };
  }

  /** Subjects this replica follows now (for tests and health). */
  get followed(): number {
    return this.interests.size;
  }

  async close(): Promise<void> {
    if (!this.nc.isClosed()) await this.nc.drain().catch(() => this.nc.close());
  }
}
