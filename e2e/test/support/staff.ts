import { eventually } from '@qurbani/kit/testing';
import { AddSiteStaffDocument, type SiteRole } from '@qurbani/sdk';
import type { Actor } from './season.js';
import type { System } from './system.js';

/**
 * Makes a staff account work at a site, as organizers do, once identity's announcement of its roles
 * has reached the sacrifice subgraph (an account made a moment ago is not known there yet); for a
 * driver, also waits until the delivery subgraph's copy has them, so a route can be built next.
 */
export async function workAt(
  system: System,
  organizer: Actor,
  siteId: string,
  staffId: string,
  role: SiteRole,
  timeoutMs = 20_000,
) {
  await eventually(
    () =>
      organizer.client
        .request(AddSiteStaffDocument, { siteId, accountId: staffId, role })
        .then(() => true)
        .catch(() => false),
    timeoutMs,
    50,
  );
  if (role !== 'DRIVER') return;
  const deliveryDb = system.subgraphs.delivery!.orm.em.getConnection();
  await eventually(
    async () =>
      (
        await deliveryDb.execute(
          `select 1 from site_driver d join staff_account a on a.account_id = d.account_id
           where d.site_id = ? and d.account_id = ? and 'DRIVER' = any(a.roles)`,
          [siteId, staffId],
        )
      ).length > 0,
    timeoutMs,
    50,
  );
}
