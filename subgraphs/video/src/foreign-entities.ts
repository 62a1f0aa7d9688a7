import { entityStub, type EntityRef } from '@qurbani/kit';

/** The sacrifice subgraph's entity; this subgraph adds `video` and `videos` to it. */
export const SacrificeStub = entityStub('Sacrifice');
export type SacrificeStub = EntityRef;
