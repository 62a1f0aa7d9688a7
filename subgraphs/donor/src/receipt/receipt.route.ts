import type { MikroORM } from '@mikro-orm/postgresql';
import { gatewayOnly, sendError } from '@qurbani/kit';
import { loggerFor } from '@qurbani/telemetry';
import type { Express } from 'express';
import { RECEIPTS_PATH, type ReceiptLinks } from './receipt-links.js';
import type { ReceiptService } from './receipt.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * `GET /documents/receipts/:paymentId/:lang/:exp/:sig/receipt.pdf`, reached through the gateway:
 * the signature is the permission (it was only handed to the payment's donor or an organizer), so
 * the viewer may be anonymous, e.g. a donor opening the link from an e-mail.
 */
export function mountReceiptRoute(
  app: Express,
  options: { orm: MikroORM; internalSecret: string; links: ReceiptLinks; receipts: ReceiptService },
): void {
  app.get(
    `${RECEIPTS_PATH}/:paymentId/:lang/:exp/:sig/receipt.pdf`,
    gatewayOnly(options.internalSecret),
    async (req, res) => {
      const { paymentId, lang, exp, sig } = req.params as Record<string, string>;
      const verdict = options.links.signer.check(['receipt', paymentId, lang], exp, sig);
      if (verdict !== 'valid' || !UUID.test(paymentId) || (lang !== 'en' && lang !== 'ar'))
        return sendError(
          res,
          403,
          'FORBIDDEN',
          verdict === 'expired' ? 'This link has expired; ask for a new one.' : 'This link is not valid.',
        );
      try {
        const started = performance.now();
        const pdf = await options.receipts.render(options.orm.em.fork(), paymentId!, lang);
        if (!pdf) return sendError(res, 404, 'NOT_FOUND', 'There is no receipt for this payment.');
        res
          .status(200)
          .type('application/pdf')
          .set('cache-control', `private, max-age=${options.links.signer.remainingSeconds(exp)}`)
          .set('content-disposition', `inline; filename="receipt-${paymentId}-${lang}.pdf"`)
          .set('server-timing', `render;dur=${(performance.now() - started).toFixed(1)}`)
          .send(pdf);
      } catch (error) {
        loggerFor('donor').error({ err: error }, 'donor: a receipt could not be rendered');
        sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'The receipt could not be made; try again.');
      }
    },
  );
}
