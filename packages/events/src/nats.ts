import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection, type NodeConnectionOptions } from '@nats-io/transport-node';
import { defaultLogger, errorText, type EventsLogger } from './logger.js';
import { natsServerOptions } from './nats-url.js';

/** An open NATS connection with its JetStream client and manager. */
export interface NatsHandles {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  /** Drains (delivers what is in flight, then closes); safe to call twice. Stop consumers first. */
  close(): Promise<void>;
}

/**
 * Connects to NATS (e.g. `nats://127.0.0.1:4222`, or `nats://donor:<password>@nats:4222` on a server
 * with per-service users, see {@link natsServerOptions}) and checks JetStream is enabled. Once connected
 * it reconnects for as long as it takes (nats.js gives up after 10 tries by default, which would
 * leave a service running but deaf after a NATS restart of more than ~20 s).
 */
export async function connectNats(
  url: string,
  options: Partial<NodeConnectionOptions> = {},
  logger: EventsLogger = defaultLogger,
): Promise<NatsHandles> {
  const nc = await connect({
    ...natsServerOptions(url),
    maxReconnectAttempts: -1,
    reconnectTimeWait: 1000,
    ...options,
  });
  // A core publish the server refuses (a live signal outside this service's permissions) fails
  // only here, asynchronously: say so rather than lose the signals silently.
  void (async () => {
    for await (const status of nc.status()) {
      if (status.type === 'error') logger.error('NATS server reported an error', { error: errorText(status.error) });
    }
  })();
  try {
    // jetstreamManager() asks the server for account info, so a server without JetStream fails here.
    const jsm = await jetstreamManager(nc);
    return {
      nc,
      jsm,
      js: jetstream(nc),
      async close() {
        if (nc.isClosed()) return;
        await nc.drain().catch(() => nc.close());
      },
    };
  } catch (error) {
    await nc.close();
    throw error;
  }
}
