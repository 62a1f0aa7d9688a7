import { raw, type FilterQuery } from '@mikro-orm/core';
import { isAccount, isOrganizer, type Viewer } from '@qurbani/kit';
import { NO_ROWS } from '../shared/no-rows.js';
import type { Payment } from './payment.entity.js';

/**
 * Who sees a payment: whoever sees its order (its donor, organizers). Checked again here rather
 * than trusted from the order, so `Order.payments` is safe whatever path led to the order.
 */
export function paymentFilter(viewer: Viewer | null): FilterQuery<Payment> {
  if (isOrganizer(viewer)) return {};
  if (!isAccount(viewer)) return NO_ROWS;
  return {
    [raw((a) => `exists (select 1 from donor_order po where po.id = ${a}.order_id and po.donor_id = ?)`, [viewer.id])]:
      [],
  };
}
