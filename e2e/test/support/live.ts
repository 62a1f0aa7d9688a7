import { startGateway, type GatewayConfig, type RunningGateway } from '@qurbani/gateway';
import { QurbaniClient, QurbaniLive, type LiveOptions, type TypedDocumentNode } from '@qurbani/sdk';
import type { System } from './system.js';

/** Another gateway replica of the same system, with live updates (NATS) switched on; `overrides` change its settings. */
export async function startReplica(
  system: System,
  overrides: Partial<GatewayConfig> = {},
): Promise<RunningGateway & { client(token?: string): QurbaniClient }> {
  const gateway = await startGateway({
    port: 0,
    host: '127.0.0.1',
    supergraphSdl: system.supergraphSdl,
    subgraphUrls: Object.fromEntries(Object.entries(system.subgraphs).map(([name, s]) => [name, s.url])),
    accessTokenSecret: system.secrets.accessTokenSecret,
    internalSecret: system.secrets.internalSecret,
    ...system.redis,
    natsUrl: system.nats.url,
    subjectPrefix: system.nats.subjectPrefix,
    ...overrides,
  });
  return Object.assign(gateway, { client: (token?: string) => new QurbaniClient(gateway.url, token) });
}

/** What one subscription received, with helpers to wait for it. */
export interface Received<T> {
  readonly events: T[];
  readonly errors: unknown[];
  completed: boolean;
  /** Resolves with the events once `count` have arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<T[]>;
  /** Resolves once the subscription ended with an error or completed. */
  ended(timeoutMs?: number): Promise<void>;
  stop(): void;
}

/** Subscribes through `live` and records every event (the data of each `next`), error and completion. */
export function record<TData, TVars>(
  live: QurbaniLive,
  document: TypedDocumentNode<TData, TVars>,
  variables: TVars,
): Received<TData> {
  const waiters = new Set<() => void>();
  const wake = () => waiters.forEach((w) => w());
  const received: Received<TData> = {
    events: [],
    errors: [],
    completed: false,
    waitFor: (count, timeoutMs = 15_000) =>
      until(
        () => received.events.length >= count,
        timeoutMs,
        `${count} events (got ${received.events.length}: ${JSON.stringify(received.events).slice(0, 400)}; errors ${JSON.stringify(received.errors)})`,
      ).then(() => received.events),
    ended: (timeoutMs = 15_000) =>
      until(() => received.completed || received.errors.length > 0, timeoutMs, 'the end of the subscription'),
    stop: () => unsubscribe(),
  };
  function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const waiter = () => {
        if (check()) {
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve();
        }
      };
      waiters.add(waiter);
    });
  }
  const unsubscribe = live.subscribe(document, variables, {
    next: (result) => {
      if (result.errors?.length) received.errors.push(...result.errors);
      if (result.data) received.events.push(result.data as TData);
      wake();
    },
    error: (error) => {
      received.errors.push(error);
      wake();
    },
    complete: () => {
      received.completed = true;
      wake();
    },
  });
  return received;
}

/** A live client; `url` may be a function so a test can move it between replicas. */
export const liveClient = (
  url: LiveOptions['url'],
  auth: { accessToken?: string; trackingToken?: string },
  client?: LiveOptions['client'],
) => new QurbaniLive({ url, ...auth, client: { lazyCloseTimeout: 0, ...client } });

/** Waits `ms`: used after the expected events, to see that no duplicate follows. */
export const settle = (ms = 400) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Opens a raw graphql-transport-ws socket and sends connection_init with `params`; resolves with the
 * first of `ack` or the close code.
 */
export async function connectRaw(
  httpUrl: string,
  params: Record<string, unknown>,
): Promise<{ ack: boolean; closeCode?: number; socket: WebSocket }> {
  const socket = new WebSocket(httpUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
  return new Promise((resolve, reject) => {
    socket.onopen = () => socket.send(JSON.stringify({ type: 'connection_init', payload: params }));
    socket.onmessage = (event) => {
      if (JSON.parse(String(event.data)).type === 'connection_ack') resolve({ ack: true, socket });
    };
    socket.onclose = (event) => resolve({ ack: false, closeCode: event.code, socket });
    socket.onerror = () => undefined;
    setTimeout(() => reject(new Error('no answer to connection_init')), 10_000);
  });
}
