import { consumer, sacrificeProgressConsumer, Subject, type ConsumerFactory } from '@qurbani/events';
import { recordAllocation } from './allocation/allocation.handler.js';

/** Durable consumer names are contracts too: renaming one replays the whole stream into it. */
const DURABLE_SACRIFICE_ALLOCATED = 'delivery-sacrifice-allocated';
const DURABLE_SACRIFICE_STATUS = 'delivery-sacrifice-status';

/** The allocated sacrifices, which packs are made from, and whether each was performed (and for which orders). */
export const deliveryConsumers: ConsumerFactory[] = [
  consumer({
    durable: DURABLE_SACRIFICE_ALLOCATED,
    subjects: [Subject.SacrificeAllocated],
    handler: (em, payload) => recordAllocation(em, payload),
  }),
  sacrificeProgressConsumer(DURABLE_SACRIFICE_STATUS),
];
