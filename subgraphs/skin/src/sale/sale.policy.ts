import type { Viewer } from '@qurbani/kit';
import { organizerOnly } from '../lot/lot.policy.js';
import type { Sale } from './sale.entity.js';

/** Prices and proceeds: organizers only (see lot.policy.ts). */
export const saleFilter = (viewer: Viewer | null) => organizerOnly<Sale>(viewer);
