import type { EntityManager } from '@mikro-orm/postgresql';
import { AllocatedSacrifice } from '@qurbani/events';
import { badInput } from '@qurbani/kit';
import type { Delivery } from '../delivery/delivery.entity.js';
import { MeatPack } from '../pack/meat-pack.entity.js';
import { StaffAccount } from './driver-account.entity.js';
import { whyNotDriver } from './driver.rules.js';
import { SiteDriver } from './site-driver.entity.js';

/** Refuses (BAD_USER_INPUT on driverId) a driver who may not carry these deliveries: see `whyNotDriver`. */
export async function assertDrives(em: EntityManager, driverId: string, deliveries: readonly Delivery[]) {
  const packs = await em.find(MeatPack, { id: { $in: deliveries.map((d) => d.packId) } }, { fields: ['sacrificeId'] });
  const sacrifices = await em.find(
    AllocatedSacrifice,
    { sacrificeId: { $in: [...new Set(packs.map((p) => p.sacrificeId))] } },
    { fields: ['siteId'] },
  );
  const sites = [...new Set(sacrifices.map((s) => s.siteId))];
  const account = await em.findOne(StaffAccount, { accountId: driverId });
  const driven = await em.find(SiteDriver, { accountId: driverId, siteId: { $in: sites } });
  const why = whyNotDriver(account, sites, new Set(driven.map((d) => d.siteId)));
  if (why) throw badInput(why, 'driverId');
}
