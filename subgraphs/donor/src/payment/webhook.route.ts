import { gatewayOnly, STRIPE_WEBHOOK_PATH } from '@qurbani/kit';
import type { MikroORM } from '@mikro-orm/postgresql';
import express, { type Express } from 'express';
import { BadWebhookSignature, type PaymentProvider } from './payment-provider.js';
import type { WebhookService } from './webhook.service.js';

const answer = (res: express.Response, status: number, body: Record<string, unknown>) => res.status(status).json(body);

/**
 * `POST /webhooks/stripe`, passed on by the gateway. The signature is checked over the raw bytes
 * (a parsed and re-serialised body would not verify). 400 for a bad signature (never applied), 200
 * once applied or already applied, 500 on a failure, so the provider retries.
 */
export function mountWebhookRoute(
  app: Express,
  options: { orm: MikroORM; internalSecret: string; provider: PaymentProvider; webhooks: WebhookService },
): void {
  app.post(
    STRIPE_WEBHOOK_PATH,
    gatewayOnly(options.internalSecret),
    express.raw({ type: () => true, limit: '256kb' }),
    async (req, res) => {
      let event;
      try {
        event = options.provider.verify(
          Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
          req.header('stripe-signature'),
        );
      } catch (error) {
        if (error instanceof BadWebhookSignature) return answer(res, 400, { error: 'bad signature' });
        throw error;
      }
      if (event === 'ignored') return answer(res, 200, { received: true, applied: false });
      try {
        const result = await options.webhooks.apply(options.orm.em, options.provider.name, event);
        answer(res, 200, { received: true, result });
      } catch (error) {
        console.error('donor: webhook not applied; the provider will retry', error);
        answer(res, 500, { error: 'not applied' });
      }
    },
  );
}
