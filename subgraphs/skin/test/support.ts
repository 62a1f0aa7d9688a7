import { AllocatedSacrifice, SacrificeProgress, Subject, type Species } from '@qurbani/events';
import { newId } from '@qurbani/kit';
import { eventually, sacrificeAllocated, startTestSubgraph } from '@qurbani/kit/testing';
import { startSkinSubgraph } from '../src/app.js';

export { viewerOf as person } from '@qurbani/kit/testing';

/** The skin subgraph on a throw-away database and stream (@qurbani/kit/testing), with an optional clock. */
export async function startHarness(now?: () => Date) {
  const h = await startTestSubgraph('skin', (settings) =>
    startSkinSubgraph({ ...settings, now, hideSweepIntervalMs: 0 }),
  );
  return {
    ...h,
    /** Publishes `sacrifice.allocated` (then PERFORMED, unless `performed` is false) and waits until applied. */
    async allocate(sacrificeId: string, donorIds: string[], species: Species = 'SHEEP', performed = true) {
      await h.publish(Subject.SacrificeAllocated, sacrificeAllocated(sacrificeId, donorIds, species));
      await eventually(async () => !!(await h.subgraph.orm.em.fork().findOne(AllocatedSacrifice, { sacrificeId })));
      if (!performed) return;
      await h.publish(Subject.SacrificeStatusChanged, {
        sacrificeId,
        status: 'PERFORMED',
        orderIds: [newId()],
        donorIds,
        at: new Date().toISOString(),
      });
      await eventually(
        async () =>
          !!(await h.subgraph.orm.em.fork().findOne(SacrificeProgress, { sacrificeId, performedAt: { $ne: null } })),
      );
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;
