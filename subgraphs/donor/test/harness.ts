import { Subject, type CancelDecision, type Species } from '@qurbani/events';
import { eventually, startTestSubgraph } from '@qurbani/kit/testing';
import { startDonorSubgraph } from '../src/app.js';
import { CANCEL_DECISION_DURABLE } from '../src/events.js';
import { randomUUID } from 'node:crypto';

/** The site every species is priced at (25,000 EUR minor units a share) in each harness. */
export const SITE = randomUUID();
const SHARE_PRICE = 25_000;

/** The donor subgraph on a throw-away database and stream (@qurbani/kit/testing), plus its event helpers. */
export async function startHarness() {
  const h = await startTestSubgraph('donor', (settings) => startDonorSubgraph(settings));
  const harness = {
    ...h,
    /** Publishes `sacrifice.price-set` as the sacrifice subgraph would, and waits until the copy has it. */
    async price(siteId: string, species: string, amountMinor: number, currency: string, version = 1) {
      await h.publish(Subject.PriceSet, {
        siteId,
        seasonId: randomUUID(),
        species: species as Species,
        amountMinor,
        currency,
        version,
      });
      await eventually(
        async () =>
          (
            await h.rows('select 1 from site_price where site_id = ? and species = ? and version >= ?', [
              siteId,
              species,
              version,
            ])
          ).length > 0,
      );
    },
    /** Publishes the sacrifice subgraph's answer to a cancellation request and waits until it is handled. */
    async decideCancel(orderId: string, decision: CancelDecision) {
      const payload = {
        orderId,
        decision,
        ...(decision === 'REFUSED' ? { reason: 'ALREADY_ALLOCATED' as const } : {}),
        decidedAt: new Date().toISOString(),
      };
      const msgID = await h.publish(Subject.OrderCancelDecided, payload);
      await eventually(
        async () =>
          (
            await h.rows(`select 1 from inbox_message where consumer = ? and message_id = ?`, [
              CANCEL_DECISION_DURABLE,
              msgID,
            ])
          ).length > 0,
      );
    },
  };
  for (const species of ['SHEEP', 'GOAT', 'COW', 'CAMEL']) await harness.price(SITE, species, SHARE_PRICE, 'EUR');
  return harness;
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

export { viewerOf } from '@qurbani/kit/testing';
