import { entityStub, type EntityRef } from '@qurbani/kit';

/** The sacrifice subgraph's entity; this subgraph adds `hide` to it. */
export const SacrificeStub = entityStub('Sacrifice');
export type SacrificeStub = EntityRef;
