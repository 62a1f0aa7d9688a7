// The data the bench reads, loaded through our gateway with the seed's own steps: donors with
// `orders` orders each, every one allocated and assigned, with a video task, meat packs, a hide,
// and deliveries for half the packs. Every field of the tracking query then has something to show.
import { connect, mapLimit, unlessConflict } from '../../scripts/seed/api.mjs';
import {
  cutMeatPacks,
  deliverPacks,
  ensureRecipients,
  openVideoTasks,
  recordHide,
} from '../../scripts/seed/aftercare.mjs';
import { allocateAll, assignSite, payInFull, placeOrder } from '../../scripts/seed/orders.mjs';
import { ensureDonor, ensureStaff, signIn } from '../../scripts/seed/people.mjs';
import { ensureAnimals, ensurePrices, ensureSeason, ensureSites } from '../../scripts/seed/season.mjs';
import { addSiteStaff } from '../../scripts/seed/staffing.mjs';
import { TRACKING_QUERY } from './tracking-query.mjs';

export const BENCH_ORGANIZER = {
  login: 'organizer@bench.qurbani',
  password: 'bench organizer password',
  displayName: 'Organizer',
};
const PASSWORD = 'bench donor password';
// The season whose sacrifice window the fixture records sacrifices in (the sacrifice subgraph's
// clock is set inside it for that step only; as e2e/test/support/season.ts does).
const SEASON = { hijriYear: 1447, insideWindow: '2026-05-27T05:00:00.000Z' };
const RECORD_PERFORMED =
  'mutation Performed($sacrificeId: ID!) { recordSacrificePerformed(sacrificeId: $sacrificeId) { id status } }';
const NAMES = [
  'Aisha Siddiqui',
  'Ibrahim Khan',
  'Maryam Haddad',
  'Yusuf Osman',
  'Zainab Karimi',
  'Hamza Saleh',
  'Khadija Nasser',
];

/** One sacrifice per order: single sheep and goats, and whole cows and camels of seven names. */
function orderOf(i) {
  const species = ['SHEEP', 'SHEEP', 'SHEEP', 'SHEEP', 'SHEEP', 'SHEEP', 'GOAT', 'GOAT', 'COW', 'CAMEL'][i % 10];
  const names = species === 'COW' || species === 'CAMEL' ? NAMES : [NAMES[i % NAMES.length]];
  return { species, names };
}

function herds(count, ordersPerDonor) {
  const herd = {};
  for (let i = 0; i < ordersPerDonor; i++) (herd[orderOf(i).species] ??= []).push(i);
  return Object.fromEntries(
    Object.entries(herd).map(([species, idx]) => [
      species,
      Array.from({ length: idx.length * count }, (_, n) => ({ tag: `${species}-${n}`, weightKg: 40 })),
    ]),
  );
}

async function prepareSite(api, organizer, donors, ordersPerDonor) {
  const season = await ensureSeason(organizer, SEASON.hijriYear, 'Bench season');
  const [site] = await ensureSites(organizer, season.id, [
    { name: 'Bench site', region: 'Sindh, Pakistan', timeZone: 'Asia/Karachi' },
  ]);
  await ensureAnimals(api, organizer, site.id, herds(donors, ordersPerDonor));
  // Orders are placed at a site's price (placeOrder refuses a site without one).
  const prices = { SHEEP: 15_000, GOAT: 15_000, COW: 15_000, CAMEL: 15_000 };
  await ensurePrices(organizer, [site], [{ currency: 'GBP', prices }]);
  return { season, site };
}

async function sacrificeIdsOf(donor, first) {
  const { myOrders } = await donor.call(TRACKING_QUERY, { first });
  return myOrders.edges.flatMap((e) => e.node.sacrifices.edges.map((s) => s.node.id));
}

/** Returns the donors (id, access token) whose orders the bench tracks. */
export async function loadFixture(gatewayUrl, { donors: donorCount, orders: ordersPerDonor }, setClock) {
  const api = connect(gatewayUrl, { retryInternal: 2 });
  const organizer = await signIn(api, BENCH_ORGANIZER.login, BENCH_ORGANIZER.password);
  const { season, site } = await prepareSite(api, organizer, donorCount, ordersPerDonor);
  const executor = await ensureStaff(api, organizer, {
    login: 'executor@bench.qurbani',
    password: PASSWORD,
    displayName: 'Bilal Rahimi',
    roles: ['EXECUTOR'],
  });
  const donors = await mapLimit(
    Array.from({ length: donorCount }, (_, d) => d),
    4,
    async (d) => {
      const donor = await ensureDonor(api, {
        login: `donor${d}@bench.qurbani`,
        password: PASSWORD,
        displayName: `Donor ${d}`,
      });
      // Only paid shares are allocated.
      for (let i = 0; i < ordersPerDonor; i++) {
        const order = await placeOrder(donor, { ...orderOf(i), siteId: site.id, clientRequestId: `bench-${d}-${i}` });
        await payInFull(organizer, order, 'cash');
      }
      return donor;
    },
  );
  const shares =
    donorCount * Array.from({ length: ordersPerDonor }, (_, i) => orderOf(i).names.length).reduce((a, b) => a + b, 0);
  const allocation = await allocateAll(organizer, season.id, shares);
  if (allocation.sharesAllocated !== shares)
    throw new Error(`allocated ${allocation.sharesAllocated} of ${shares} shares`);
  await addSiteStaff(organizer, site.id, executor.id, 'EXECUTOR');
  await assignSite(organizer, site.id, [executor.id], 1000);
  await openVideoTasks(executor, donorCount * ordersPerDonor);
  const sacrificeIds = (await Promise.all(donors.map((d) => sacrificeIdsOf(d, ordersPerDonor)))).flat();
  await setClock(SEASON.insideWindow);
  try {
    await mapLimit(sacrificeIds, 8, (sacrificeId) =>
      unlessConflict(() => executor.call(RECORD_PERFORMED, { sacrificeId })),
    );
  } finally {
    await setClock(null);
  }
  await mapLimit(sacrificeIds, 8, async (id) => {
    await cutMeatPacks(organizer, id, [2.5, 2.5]);
    await recordHide(organizer, id, 12);
  });
  const families = sacrificeIds.map((_, i) => ({
    name: `Family ${i}`,
    householdSize: 4,
    region: 'Sindh, Pakistan',
    priority: i % 3,
    phone: `+9230000${String(i).padStart(5, '0')}`,
    address: `House ${i}, Karachi`,
  }));
  await ensureRecipients(organizer, families);
  await deliverPacks(organizer, null, families.length);
  return donors.map((d) => ({ id: d.id, token: d.token }));
}
