import { consumer, sacrificeProgressConsumer, Subject, type ConsumerFactory } from '@qurbani/events';
import { recordAllocation } from './allocation/allocation.handler.js';
import { onAccountRolesSet, onSiteStaffSet } from './driver/driver.handlers.js';

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
  // Who may drive: identity's roles and the sacrifice subgraph's drivers per site.
  consumer({
    durable: 'delivery-account-roles',
    subjects: [Subject.AccountRolesSet],
    handler: (em, payload) => onAccountRolesSet(em, payload),
  }),
  consumer({
    durable: 'delivery-site-staff',
    subjects: [Subject.SiteStaffSet],
    handler: (em, payload) => onSiteStaffSet(em, payload),
  }),
];
