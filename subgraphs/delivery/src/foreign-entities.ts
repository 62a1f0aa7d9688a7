import { entityStub, type EntityRef } from '@qurbani/kit';

/** The sacrifice subgraph's entity; this subgraph adds `meatPacks` to it. */
export const SacrificeStub = entityStub('Sacrifice');
export type SacrificeStub = EntityRef;

/** The identity subgraph's account, referenced as a driver; this subgraph adds no field to it. */
export const AccountStub = entityStub('Account', { resolvable: false });
export type AccountStub = EntityRef;
