import type { MikroORM } from '@mikro-orm/postgresql';
import { gatewayOnly, sendError } from '@qurbani/kit';
import { loggerFor } from '@qurbani/telemetry';
import type { Express } from 'express';
import { CERTIFICATES_PATH, type CertificateLinks } from './certificate-links.js';
import type { CertificateService } from './certificate.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * `GET /documents/certificates/:sacrificeId/:holder/:lang/:exp/:sig/certificate.pdf`, through the
 * gateway: the signature is the permission (it was only handed to the holder or an organizer).
 */
export function mountCertificateRoute(
  app: Express,
  options: { orm: MikroORM; internalSecret: string; links: CertificateLinks; certificates: CertificateService },
): void {
  app.get(
    `${CERTIFICATES_PATH}/:sacrificeId/:holder/:lang/:exp/:sig/certificate.pdf`,
    gatewayOnly(options.internalSecret),
    async (req, res) => {
      const { sacrificeId, holder, lang, exp, sig } = req.params as Record<string, string>;
      const verdict = options.links.signer.check(['certificate', sacrificeId, holder, lang], exp, sig);
      if (
        verdict !== 'valid' ||
        !UUID.test(sacrificeId!) ||
        !(holder === 'all' || UUID.test(holder!)) ||
        (lang !== 'en' && lang !== 'ar')
      )
        return sendError(
          res,
          403,
          'FORBIDDEN',
          verdict === 'expired' ? 'This link has expired; ask for a new one.' : 'This link is not valid.',
        );
      try {
        const pdf = await options.certificates.render(options.orm.em.fork(), sacrificeId!, holder!, lang);
        if (!pdf) return sendError(res, 404, 'NOT_FOUND', 'There is no certificate for this sacrifice.');
        res
          .status(200)
          .type('application/pdf')
          .set('cache-control', `private, max-age=${options.links.signer.remainingSeconds(exp)}`)
          .set('content-disposition', `inline; filename="certificate-${sacrificeId}-${lang}.pdf"`)
          .send(pdf);
      } catch (error) {
        loggerFor('sacrifice').error({ err: error }, 'sacrifice: a certificate could not be rendered');
        sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'The certificate could not be made; try again.');
      }
    },
  );
}
