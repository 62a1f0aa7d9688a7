import { consumer, Subject, type ConsumerFactory } from '@qurbani/events';
import { recordAllocation } from './allocation/allocation.handler.js';

/** Durable consumer names are contracts too: renaming one replays the whole stream into it. */
const DURABLE_SACRIFICE_ALLOCATED = 'delivery-sacrifice-allocated';

/** The allocated sacrifices, which packs are made from. */
export const deliveryConsumers: ConsumerFactory[] = [
  consumer({
    durable: DURABLE_SACRIFICE_ALLOCATED,
    subjects: [Subject.SacrificeAllocated],
    handler: (em, payload) => recordAllocation(em, payload),
  }),
];
