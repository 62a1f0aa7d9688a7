import { entityStub, type EntityRef } from '@qurbani/kit';

/** The donor subgraph's order; this subgraph adds `sacrifices` to it. */
export const OrderStub = entityStub('Order');
export type OrderStub = EntityRef;

/** The identity subgraph's account, referenced as an executor; this subgraph adds no field to it. */
export const AccountStub = entityStub('Account', { resolvable: false });
export type AccountStub = EntityRef;
