import { AuditRecord } from '@qurbani/kit';
import { AllocatedSacrifice, SacrificeProgress, eventEntities } from '@qurbani/events';
import { Buyer } from './buyer/buyer.entity.js';
import { Hide } from './hide/hide.entity.js';
import { Lot } from './lot/lot.entity.js';
import { Sale } from './sale/sale.entity.js';

export const entities = [AuditRecord, AllocatedSacrifice, SacrificeProgress, Hide, Lot, Buyer, Sale, ...eventEntities];
