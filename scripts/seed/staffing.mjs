// Who works at which site: assignments go only to an account added to the site in that role.
import { sleep } from './api.mjs';

const ADD_SITE_STAFF =
  'mutation AddSiteStaff($siteId: ID!, $accountId: ID!, $role: SiteRole!) { addSiteStaff(siteId: $siteId, accountId: $accountId, role: $role) { id } }';

/**
 * Adds the account to the site (a second run is a no-op). Identity announces a new account's roles
 * through an event, so an account made a moment ago is tried again for a few seconds.
 */
export async function addSiteStaff(organizer, siteId, accountId, role) {
  for (let attempt = 0; ; attempt++) {
    try {
      return (await organizer.call(ADD_SITE_STAFF, { siteId, accountId, role })).addSiteStaff;
    } catch (error) {
      if (error.code !== 'BAD_USER_INPUT' || attempt >= 50) throw error;
      await sleep(200);
    }
  }
}
