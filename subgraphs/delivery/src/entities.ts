import { AuditRecord } from '@qurbani/kit';
import { AllocatedSacrifice, eventEntities, SacrificeProgress } from '@qurbani/events';
import { Delivery } from './delivery/delivery.entity.js';
import { MeatPack } from './pack/meat-pack.entity.js';
import { DeliveryPhoto } from './photo/delivery-photo.entity.js';
import { RoutePositionSample } from './position/route-position.entity.js';
import { Recipient } from './recipient/recipient.entity.js';
import { StaffAccount } from './driver/driver-account.entity.js';
import { SiteDriver } from './driver/site-driver.entity.js';
import { Route } from './route/route.entity.js';
import { TrackingLinkRecord } from './tracking/tracking-link.entity.js';

export const entities = [
  AuditRecord,
  AllocatedSacrifice,
  SacrificeProgress,
  Recipient,
  MeatPack,
  Delivery,
  DeliveryPhoto,
  Route,
  RoutePositionSample,
  TrackingLinkRecord,
  StaffAccount,
  SiteDriver,
  ...eventEntities,
];
