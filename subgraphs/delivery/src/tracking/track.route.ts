import type { MikroORM } from '@mikro-orm/postgresql';
import { gatewayOnly, sendError, signTrackingLink, TRACK_PATH, trackingCode } from '@qurbani/kit';
import type { Express } from 'express';
import { TrackingLinkRecord } from './tracking-link.entity.js';

/**
 * `GET /track/<code>` (through the gateway): the short link a family got by SMS, exchanged for the
 * tracking token of the same link record (its id is the token's `jti`), valid until the record
 * expires; a revoked or expired link answers 410. The token then reads the delivery and follows
 * the van (see README, "Live tracking").
 */
export function mountTrackRoute(app: Express, orm: MikroORM, internalSecret: string, now: () => Date): void {
  app.get(`${TRACK_PATH}/:code`, gatewayOnly(internalSecret), async (req, res) => {
    res.set('cache-control', 'no-store');
    const linkId = trackingCode.linkId(String(req.params.code));
    const link = linkId ? await orm.em.fork().findOne(TrackingLinkRecord, { id: linkId }) : null;
    if (!link) return sendError(res, 404, 'NOT_FOUND', 'This tracking link does not exist.');
    const secondsLeft = Math.floor((link.expiresAt.getTime() - now().getTime()) / 1000);
    if (link.revokedAt || secondsLeft <= 0)
      return sendError(
        res,
        410,
        'GONE',
        'This tracking link was revoked or has expired; ask the charity for a new one.',
      );
    const { token, expiresAt } = signTrackingLink(link.deliveryId, internalSecret, secondsLeft, link.id);
    res.json({ deliveryId: link.deliveryId, trackingToken: token, expiresAt: expiresAt.toISOString() });
  });
}
