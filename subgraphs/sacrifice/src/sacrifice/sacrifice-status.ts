import { SacrificeStatus } from '@qurbani/events';
import { registerEnumType } from 'type-graphql';

// The values are those `sacrifice.status-changed` carries (`@qurbani/events`), so consumers switch on the same words.
export { SacrificeStatus };

registerEnumType(SacrificeStatus, {
  name: 'SacrificeStatus',
  description:
    'ALLOCATED: shares are on an animal; ASSIGNED: an executor will do it; PERFORMED: done, proof pending; VERIFIED / FLAGGED: the proof video passed / needs a reviewer.',
});
