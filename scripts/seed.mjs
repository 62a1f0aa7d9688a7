// `npm run seed`: loads a demo season into a running system (`npm start`) through the public API
// only, as an organizer, staff and donors would. Running it again finds what the first run created.
import { connect } from './seed/api.mjs';
import {
  cutMeatPacks,
  deliverPacks,
  ensureRecipients,
  openVideoTasks,
  recordHide,
  sacrificesAt,
} from './seed/aftercare.mjs';
import {
  DONOR_PASSWORD,
  DONORS,
  FAMILIES,
  ORGANIZER,
  PAYMENT_PROVIDERS,
  SITES,
  STAFF,
  STAFF_PASSWORD,
} from './seed/demo-data.mjs';
import { allocateAll, assignSite, payInFull, placeOrder } from './seed/orders.mjs';
import { ensureDonor, ensureStaff, signIn } from './seed/people.mjs';
import { addSiteStaff } from './seed/staffing.mjs';
import { currentHijriYear, ensureAnimals, ensurePrices, ensureSeason, ensureSites } from './seed/season.mjs';

const PACK_WEIGHTS_KG = { COW: [4.5, 4.5, 4, 4, 3.5], CAMEL: [5, 5, 5, 5, 4.5] };

async function signInOrganizer(api) {
  try {
    return await signIn(api, ORGANIZER.login, ORGANIZER.password);
  } catch (error) {
    if (error instanceof TypeError)
      throw new Error(`nothing answers at ${api.url}: start the system with \`npm start\` first (or set GATEWAY_URL)`);
    if (error.code === 'UNAUTHENTICATED')
      throw new Error(
        `${ORGANIZER.login} cannot sign in: the system was started with another BOOTSTRAP_ORGANIZER_LOGIN`,
      );
    throw error;
  }
}

async function prepareSeason(api, organizer) {
  const year = currentHijriYear();
  const season = await ensureSeason(organizer, year, `Eid al-Adha ${year}`);
  const sites = await ensureSites(organizer, season.id, SITES);
  await ensurePrices(organizer, sites, SITES);
  let animalsAdded = 0;
  for (const [i, site] of sites.entries())
    animalsAdded += await ensureAnimals(api, organizer, site.id, SITES[i].animals);
  return { season, sites, animalsAdded };
}

async function takeOrders(api, organizer, sites) {
  const orders = [];
  for (const donor of DONORS) {
    const account = await ensureDonor(api, {
      login: donor.login,
      password: DONOR_PASSWORD,
      displayName: donor.displayName,
      profile: donor.profile,
    });
    for (const [i, wish] of donor.orders.entries()) {
      const placed = await placeOrder(account, {
        ...wish,
        siteId: sites[wish.site].id,
        clientRequestId: `demo-${donor.key}-${i}`,
      });
      orders.push(
        wish.unpaid
          ? placed
          : await payInFull(organizer, placed, PAYMENT_PROVIDERS[orders.length % PAYMENT_PROVIDERS.length]),
      );
    }
  }
  return orders;
}

async function assignAll(organizer, sites, staff) {
  for (const [i, site] of sites.entries()) {
    const executors = staff.filter((s) => s.site === i).map((s) => s.account.id);
    for (const id of executors) await addSiteStaff(organizer, site.id, id, 'EXECUTOR');
    await assignSite(organizer, site.id, executors);
  }
  for (const executor of staff.filter((s) => s.roles.includes('EXECUTOR'))) await openVideoTasks(executor.account, 1);
}

/** Sacrifice statuses after the animal was sacrificed: only these have meat and a hide. */
const SACRIFICED = new Set(['PERFORMED', 'VERIFIED', 'FLAGGED']);

/**
 * Hides and meat of the large animals already sacrificed (the API refuses them before), then one
 * delivery per family on the first driver's route. The demo season's window is in the past, so a
 * fresh demo has none until sacrifices are recorded (inside the window, e.g. with a test clock).
 */
async function handleMeatAndHides(organizer, sites, driver) {
  await ensureRecipients(organizer, FAMILIES);
  // The demo's first driver carries packs from every site.
  for (const site of sites) await addSiteStaff(organizer, site.id, driver.id, 'DRIVER');
  const sacrifices = (await Promise.all(sites.map((s) => sacrificesAt(organizer, s.id)))).flat();
  const sacrificed = sacrifices.filter((x) => SACRIFICED.has(x.status));
  if (sacrificed.length < sacrifices.length)
    console.log(
      `${sacrifices.length - sacrificed.length} sacrifices not performed yet: no meat or hide recorded for them`,
    );
  for (const s of sacrificed.filter((x) => PACK_WEIGHTS_KG[x.species])) {
    if (s.meatPacks.length === 0) await cutMeatPacks(organizer, s.id, PACK_WEIGHTS_KG[s.species]);
    if (!s.hide && s.species === 'COW') await recordHide(organizer, s.id, 24);
  }
  return deliverPacks(organizer, driver, FAMILIES.length);
}

function printSummary({ api, season, sites, animalsAdded, orders, allocation, sacrificesBySite, deliveries }) {
  const shares = orders.reduce((n, o) => n + o.shareCount, 0);
  const paid = orders.filter((o) => o.paymentStatus === 'PAID').length;
  console.log(`\nDemo season loaded through ${api.url}`);
  console.log(`${season.name}: 10-13 Dhul-Hijjah ${season.hijriYear} = ${season.day10} to ${season.day13}`);
  sites.forEach((site, i) => {
    const count = (status) => sacrificesBySite[i].filter((s) => s.status === status).length;
    console.log(
      `  ${site.name} (${site.timeZone}) window ${site.window.startsAtLocal} to ${site.window.endsAtLocal}: ${count('ASSIGNED')} assigned, ${count('ALLOCATED')} unassigned`,
    );
  });
  console.log(
    `${animalsAdded} animals added; ${orders.length} orders, ${shares} shares from ${DONORS.length} donors (${paid} paid)`,
  );
  console.log(
    `Allocation: ${allocation.sharesAllocated} shares on ${allocation.sacrificesCreated} new sacrifices, ${allocation.sharesPending} pending`,
  );
  if (!allocation.complete)
    console.log('  (some orders had not reached the sacrifice subgraph yet: run the seed again to allocate them)');
  const all = sacrificesBySite.flat();
  const packs = all.flatMap((s) => s.meatPacks);
  console.log(
    `${all.filter((s) => s.video).length} proof-video tasks opened, ${all.filter((s) => s.hide).length} hides collected, ` +
      `${packs.length} meat packs (${packs.filter((p) => p.delivery).length} on a delivery)`,
  );
  for (const d of deliveries) console.log(`  new delivery to ${d.family}: PIN ${d.pin} (shown only now)`);
  console.log('\nLogins:');
  console.log(`  organizer  ${ORGANIZER.login} / ${ORGANIZER.password}`);
  for (const s of STAFF) console.log(`  ${s.roles[0].toLowerCase().padEnd(9)}  ${s.login} / ${STAFF_PASSWORD}`);
  for (const d of DONORS) console.log(`  donor      ${d.login} / ${DONOR_PASSWORD}`);
}

async function main() {
  const api = connect(process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql');
  const organizer = await signInOrganizer(api);
  const { season, sites, animalsAdded } = await prepareSeason(api, organizer);
  const staff = [];
  for (const s of STAFF)
    staff.push({ ...s, account: await ensureStaff(api, organizer, { ...s, password: STAFF_PASSWORD }) });
  const orders = await takeOrders(api, organizer, sites);
  const waiting = orders.filter((o) => o.status === 'PLACED').reduce((n, o) => n + o.shareCount, 0);
  const allocation = await allocateAll(organizer, season.id, waiting);
  await assignAll(organizer, sites, staff);
  const driver = staff.find((s) => s.roles.includes('DRIVER')).account;
  const deliveries = await handleMeatAndHides(organizer, sites, driver);
  const sacrificesBySite = await Promise.all(sites.map((s) => sacrificesAt(organizer, s.id)));
  printSummary({ api, season, sites, animalsAdded, orders, allocation, sacrificesBySite, deliveries });
}

main().catch((error) => {
  console.error(`seed failed: ${error.message}`);
  process.exit(1);
});
