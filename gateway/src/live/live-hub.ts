import { rootLogger } from '@qurbani/telemetry';
import type { LiveKindName, LiveSignal } from '@qurbani/events/live';
import type { Viewer } from '@qurbani/kit';
import type { ExecutionResult, FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import type { Resolution } from './follow-up.js';
import type { LiveBus } from './live-bus.js';
import type { LiveField } from './live-fields.js';
import type { LiveQueue } from './live-queue.js';
import type { LiveViewer } from './live-viewer.js';
import { endedMessage, type RevocationCache } from './revocations.js';

/** One active subscription of this replica. */
export interface LiveSubscriber {
  readonly live: LiveViewer;
  readonly field: LiveField;
  readonly plan: Resolution;
  readonly queue: LiveQueue;
}

/** Runs a follow-up query through the gateway as `viewer`. */
export type RunQuery = (
  query: string,
  variables: Record<string, unknown>,
  viewer: Viewer,
) => Promise<FormattedExecutionResult>;

interface Topic {
  readonly kind: LiveKindName;
  readonly id: string;
  readonly subscribers: Set<LiveSubscriber>;
  unlisten: () => void;
  running: boolean;
  /** Signals that arrived while one was being resolved, latest per id: a burst collapses into its last state. */
  readonly pending: Map<string, LiveSignal>;
}

/** Codes meaning "you may no longer see this": the subscription ends with the error. */
const LOST_ACCESS = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND']);

const ended = (message: string, code: string): FormattedExecutionResult => ({
  errors: [{ message, extensions: { code } }],
});

/**
 * Fans each live signal out to this replica's subscribers of its subject. Per signal: subscribers
 * whose token expired or whose sign-in was revoked are ended; the rest are grouped by resolution
 * key (selection + variables + permission scope) and each group is resolved once, from the signal
 * itself when the selection allows, else by one follow-up query through the gateway.
 */
export class LiveHub {
  private readonly topics = new Map<string, Topic>();
  /** Subscribers by sign-in (or tracking link), to end them when it is revoked. */
  private readonly bySession = new Map<string, Set<LiveSubscriber>>();
  /** Resolutions run, by kind: tests and the benchmark read it. */
  readonly stats = { signals: 0, followUps: 0, fromSignal: 0, delivered: 0 };

  constructor(
    private readonly bus: LiveBus,
    private readonly revocations: RevocationCache,
    private readonly runQuery: RunQuery,
    private readonly now = () => Date.now(),
  ) {}

  /** Starts feeding `subscriber` with the signals of `live.<kind>.<id>`; returns the remover. */
  add(kind: LiveKindName, id: string, subscriber: LiveSubscriber): () => void {
    const key = `${kind}.${id}`;
    let topic = this.topics.get(key);
    if (!topic) {
      const created: Topic = {
        kind,
        id,
        subscribers: new Set(),
        unlisten: () => undefined,
        running: false,
        pending: new Map(),
      };
      created.unlisten = this.bus.listen(kind, id, (signal, signalId) => this.receive(created, signal, signalId));
      this.topics.set(key, (topic = created));
    }
    topic.subscribers.add(subscriber);
    const sessionId = subscriber.live.viewer.sessionId;
    const ofSession = this.bySession.get(sessionId) ?? new Set<LiveSubscriber>();
    this.bySession.set(sessionId, ofSession.add(subscriber));
    const current = topic;
    return () => {
      if (ofSession.delete(subscriber) && ofSession.size === 0) this.bySession.delete(sessionId);
      if (!current.subscribers.delete(subscriber) || current.subscribers.size > 0) return;
      current.unlisten();
      this.topics.delete(key);
    };
  }

  /** Ends at once, without waiting for an event, every subscription of sign-ins just revoked. */
  endSessions(sessionIds: readonly string[]): void {
    this.revocations.remember(sessionIds);
    for (const id of sessionIds)
      for (const s of [...(this.bySession.get(id) ?? [])])
        s.queue.end(ended(endedMessage(s.live.viewer), 'UNAUTHENTICATED') as ExecutionResult);
  }

  private receive(topic: Topic, signal: LiveSignal, signalId: string): void {
    this.stats.signals++;
    topic.pending.delete(signalId);
    topic.pending.set(signalId, signal);
    if (!topic.running) void this.drain(topic);
  }

  private async drain(topic: Topic): Promise<void> {
    topic.running = true;
    try {
      while (topic.pending.size > 0) {
        const [signalId, signal] = topic.pending.entries().next().value!;
        topic.pending.delete(signalId);
        await this.deliver(topic, signal, signalId).catch((error) =>
          rootLogger().error({ err: error, service: 'gateway' }, 'live: could not deliver a signal'),
        );
        const settleMs = topic.subscribers.values().next().value?.field.settleMs;
        if (settleMs) await new Promise((resolve) => setTimeout(resolve, settleMs));
      }
    } finally {
      topic.running = false;
    }
  }

  private async deliver(topic: Topic, signal: LiveSignal, signalId: string): Promise<void> {
    const allowed = await this.stillAllowed([...topic.subscribers]);
    const groups = new Map<string, LiveSubscriber[]>();
    for (const s of allowed) {
      const key = s.plan.fromSignal ? s.plan.key : `${s.plan.key}\n${s.live.scope}`;
      const group = groups.get(key);
      if (group) group.push(s);
      else groups.set(key, [s]);
    }
    await Promise.all(
      [...groups.values()].map(async (group) => {
        const first = group[0]!;
        const result = await this.resolve(first, signal, signalId);
        if (!result) return;
        const data = result.data?.[first.plan.responseKey];
        const lost = data == null ? result.errors?.find((e) => LOST_ACCESS.has(String(e.extensions?.code))) : undefined;
        for (const s of group) {
          if (lost) s.queue.end(ended(lost.message, String(lost.extensions!.code)) as ExecutionResult);
          else if (data != null) {
            s.queue.push(result as ExecutionResult);
            this.stats.delivered++;
          }
        }
      }),
    );
  }

  /** The event for one group; null when there is nothing to send (e.g. no position visible now). */
  private async resolve(
    s: LiveSubscriber,
    signal: LiveSignal,
    signalId: string,
  ): Promise<FormattedExecutionResult | null> {
    if (s.plan.fromSignal) {
      this.stats.fromSignal++;
      const view = { __typename: 'DriverPosition', deliveryId: null, eta: null, ...signal };
      return { data: { [s.plan.responseKey]: s.plan.fromSignal(view) } };
    }
    this.stats.followUps++;
    const id = s.field.queryId(signal, signalId);
    return this.runQuery(s.plan.query, { ...s.plan.variables, liveEventId_: id }, s.live.viewer);
  }

  /** Ends subscribers whose token expired or whose sign-in was revoked; returns the others. */
  private async stillAllowed(subscribers: LiveSubscriber[]): Promise<LiveSubscriber[]> {
    const now = this.now();
    const checks = await Promise.all(
      subscribers.map(async (s): Promise<GraphQLFormattedError | null> => {
        if (s.queue.ended) return { message: 'ended' };
        if (s.live.expiresAt <= now)
          return {
            message: 'The access token has expired; refresh it and subscribe again.',
            extensions: { code: 'UNAUTHENTICATED' },
          };
        // Unknown (Redis unreachable): hold this event back rather than send it unchecked.
        const revoked = await this.revocations.isRevoked(s.live.viewer.sessionId).catch(() => null);
        if (revoked === null) return { message: 'skipped' };
        return revoked ? { message: endedMessage(s.live.viewer), extensions: { code: 'UNAUTHENTICATED' } } : null;
      }),
    );
    return subscribers.filter((s, i) => {
      const refusal = checks[i];
      if (refusal?.extensions) s.queue.end({ errors: [refusal] } as unknown as ExecutionResult);
      return !refusal;
    });
  }
}
