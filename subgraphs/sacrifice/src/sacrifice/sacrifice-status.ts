import { registerEnumType } from 'type-graphql';

/** Life of a sacrifice; VERIFIED and FLAGGED follow the proof video's verdict. */
export enum SacrificeStatus {
  ALLOCATED = 'ALLOCATED',
  ASSIGNED = 'ASSIGNED',
  PERFORMED = 'PERFORMED',
  VERIFIED = 'VERIFIED',
  FLAGGED = 'FLAGGED',
}

registerEnumType(SacrificeStatus, {
  name: 'SacrificeStatus',
  description: 'ALLOCATED: shares are on an animal; ASSIGNED: an executor will do it; PERFORMED: done, proof pending; VERIFIED / FLAGGED: the proof video passed / needs a reviewer.',
});
