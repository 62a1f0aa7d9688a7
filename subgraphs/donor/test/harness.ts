import { Subject, type CancelDecision } from '@qurbani/events';
import { eventually, startTestSubgraph } from '@qurbani/kit/testing';
import { startDonorSubgraph } from '../src/app.js';
import { CANCEL_DECISION_DURABLE } from '../src/events.js';

/** The donor subgraph on a throw-away database and stream (@qurbani/kit/testing), plus its event helpers. */
export async function startHarness() {
  const h = await startTestSubgraph('donor', (settings) => startDonorSubgraph(settings));
  return {
    ...h,
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
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

export { viewerOf } from '@qurbani/kit/testing';
