import type { Viewer } from '@qurbani/kit';
import { organizerOnly } from '../lot/lot.policy.js';
import type { Buyer } from './buyer.entity.js';

/** Tanneries and their contacts: organizers only (see lot.policy.ts). */
export const buyerFilter = (viewer: Viewer | null) => organizerOnly<Buyer>(viewer);
