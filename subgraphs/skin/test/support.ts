import { AllocatedSacrifice, Subject, type Species } from '@qurbani/events';
import { eventually, sacrificeAllocated, startTestSubgraph } from '@qurbani/kit/testing';
import { startSkinSubgraph } from '../src/app.js';

export { viewerOf as person } from '@qurbani/kit/testing';

/** The skin subgraph on a throw-away database and stream (@qurbani/kit/testing), with an optional clock. */
export async function startHarness(now?: () => Date) {
  const h = await startTestSubgraph('skin', (settings) => startSkinSubgraph({ ...settings, now }));
  return {
    ...h,
    /** Publishes `sacrifice.allocated` and waits until it is applied. */
    async allocate(sacrificeId: string, donorIds: string[], species: Species = 'SHEEP') {
      await h.publish(Subject.SacrificeAllocated, sacrificeAllocated(sacrificeId, donorIds, species));
      await eventually(async () => !!(await h.subgraph.orm.em.fork().findOne(AllocatedSacrifice, { sacrificeId })));
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;
