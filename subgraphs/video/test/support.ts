import { Subject } from '@qurbani/events';
import { eventually, sacrificeAllocated, startTestSubgraph, TEST_SECRETS } from '@qurbani/kit/testing';
import { SacrificeAccess } from '../src/access/sacrifice-access.entity.js';
import { startVideoSubgraph, type VideoConfig } from '../src/app.js';

export const secret = TEST_SECRETS.internalSecret;

export { viewerOf as person } from '@qurbani/kit/testing';

/** The video subgraph on a throw-away database and stream (@qurbani/kit/testing); `extra` adds settings (media roots, clocks...). */
export async function startHarness(now?: () => Date, extra: Partial<VideoConfig> = {}) {
  const h = await startTestSubgraph('video', (settings) => startVideoSubgraph({ ...settings, now, ...extra }));
  return {
    ...h,
    /** Publishes `sacrifice.allocated` and `sacrifice.assigned` and waits until both are applied. */
    async allocate(sacrificeId: string, donorIds: string[], executorId: string) {
      await h.publish(Subject.SacrificeAllocated, sacrificeAllocated(sacrificeId, donorIds));
      await h.publish(Subject.SacrificeAssigned, { sacrificeId, executorId, donorIds });
      await eventually(async () => {
        const row = await h.subgraph.orm.em.fork().findOne(SacrificeAccess, { sacrificeId });
        return !!row && row.executorId === executorId && row.donorIds.length === donorIds.length;
      });
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;
