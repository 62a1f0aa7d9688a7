import { AuditRecord } from '@qurbani/kit';
import { eventEntities } from '@qurbani/events';
import { Animal } from './animal/animal.entity.js';
import { Sacrifice } from './sacrifice/sacrifice.entity.js';
import { Season } from './season/season.entity.js';
import { CancelledOrder } from './share/cancelled-order.entity.js';
import { PaidOrder } from './share/paid-order.entity.js';
import { SharePrice } from './price/share-price.entity.js';
import { OrderShare } from './share/order-share.entity.js';
import { Site } from './site/site.entity.js';
import { SiteStaff } from './staff/site-staff.entity.js';
import { StaffAccount } from './staff/staff-account.entity.js';

export const entities = [
  AuditRecord,
  Season,
  Site,
  Animal,
  OrderShare,
  CancelledOrder,
  PaidOrder,
  SharePrice,
  Sacrifice,
  StaffAccount,
  SiteStaff,
  ...eventEntities,
];
