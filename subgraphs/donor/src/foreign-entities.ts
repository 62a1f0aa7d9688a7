import { entityStub, type EntityRef } from '@qurbani/kit';

/** The identity subgraph's account; this subgraph adds `donorProfile` to it. */
export const AccountStub = entityStub('Account');
export type AccountStub = EntityRef;
