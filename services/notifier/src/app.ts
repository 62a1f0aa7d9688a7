import { defaultLogger } from '@qurbani/events';
import { runService, serveOperations } from '@qurbani/kit';
import { buildChannels } from './channels/build.js';
import type { NotifierConfig } from './config.js';
import { dispatchConsumer } from './dispatch/dispatch.consumer.js';
import { entities } from './entities.js';
import { handleCallback, type CallbackSecrets } from './receipts/receipts.http.js';
import { migrations } from './migrations/index.js';
import { Receipts, smppReceipt } from './receipts/receipts.js';
import { SendRepository } from './send/send.repository.js';
import { SendWorker } from './send/send.worker.js';

export type { NotifierConfig } from './config.js';

export interface RunningNotifier {
  /** Base URL of health, stats and the receipt callbacks. */
  readonly url: string;
  stats(): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/**
 * Consumes `notification.dispatch`, stores one send per recipient and channel, and sends them
 * through the configured providers; announces every outcome in `notification.delivery-updated`.
 */
export async function startNotifier(config: NotifierConfig): Promise<RunningNotifier> {
  const logger = config.logger ?? defaultLogger;
  const service = await runService({
    name: 'notifier',
    // An operator's DATABASE_POOL_MAX (copies on one PostgreSQL) is kept, but never below the work at once + 2.
    database: {
      ...config,
      entities,
      migrations,
      poolMax: Math.max(config.concurrency + 2, config.poolMax ?? config.concurrency + 4),
    },
    messaging: { ...config, logger },
    wire({ orm, life }) {
      const sends = new SendRepository(orm);
      let receipts: Receipts | null = null;
      const channels = buildChannels(config, (r) => {
        const state = smppReceipt(r.stat);
        if (state)
          void receipts?.apply({ provider: 'smpp', providerMessageId: r.messageId, state, detail: `smpp ${r.stat}` });
      });
      const worker = new SendWorker({
        sends,
        channels,
        sealKey: config.sealKey,
        retry: config.retry,
        concurrency: config.concurrency,
        leaseMs: config.leaseMs,
        pollMs: config.pollMs,
        smsSegmentBudget: config.smsSegmentBudget,
        logger,
      });
      receipts = new Receipts(sends, worker, config.sealKey, logger);
      worker.start();
      life.defer('providers', () => channels.close());
      life.defer('send worker', () => worker.stop());
      const stats = async () => ({ worker: worker.counters, receipts: receipts!.counters });
      return { stats, receipts, consumers: [dispatchConsumer(config.sealKey, () => worker.wake())] };
    },
  });
  const { parts } = service;
  const callbacks: CallbackSecrets = {
    ...(config.sms?.kind === 'twilio' && config.sms.twilio.statusCallbackUrl
      ? { twilio: { authToken: config.sms.twilio.authToken, callbackUrl: config.sms.twilio.statusCallbackUrl } }
      : {}),
    ...(config.whatsapp?.appSecret && config.whatsapp.verifyToken
      ? { whatsapp: { appSecret: config.whatsapp.appSecret, verifyToken: config.whatsapp.verifyToken } }
      : {}),
  };
  const http = await service.life.open(
    'http',
    () =>
      serveOperations({
        name: 'notifier',
        port: config.port,
        host: config.host,
        telemetry: service.telemetry,
        stats: parts.stats,
        // Health, /metrics, /stats, and the providers' receipt callbacks.
        routes: (req, res) => handleCallback(req, res, parts.receipts, callbacks),
      }),
    (server) => server.close(),
  );
  return { url: http.url, stats: parts.stats, close: () => service.close() };
}
