import { eventually } from '@qurbani/kit/testing';
import {
  AddAnimalsDocument,
  AllOrdersDocument,
  AllocateSharesDocument,
  CreateSeasonDocument,
  CreateSiteDocument,
  CreateStaffAccountDocument,
  PlaceOrderDocument,
  RecordPaymentDocument,
  RegisterDocument,
  SetSharePriceDocument,
  SignInDocument,
  type QurbaniClient,
  type Role,
  type Species,
  RecordSacrificePerformedDocument,
} from '@qurbani/sdk';
import { randomUUID } from 'node:crypto';
import { ORGANIZER, type System } from './system.js';

/** 1447 AH: 10 Dhul-Hijjah was 27 May 2026, so a Karachi site's window is 02:30Z on the 27th to 14:30Z on the 30th. */
export const SEASON_1447 = {
  hijriYear: 1447,
  insideWindow: '2026-05-27T05:00:00.000Z',
  beforeWindow: '2026-05-26T20:00:00.000Z',
};

export interface Actor {
  id: string;
  token: string;
  refreshToken: string;
  client: QurbaniClient;
}

let counter = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${++counter}-${randomUUID().slice(0, 8)}@e2e.test`;

async function signIn(system: System, login: string, password: string): Promise<Actor> {
  const { signIn: s } = await system.client().request(SignInDocument, { login, password });
  return { id: s.account.id, token: s.accessToken, refreshToken: s.refreshToken, client: system.client(s.accessToken) };
}

export const signInOrganizer = (system: System) => signIn(system, ORGANIZER.login, ORGANIZER.password);

export async function registerDonor(system: System, displayName = 'Donor'): Promise<Actor> {
  const { register } = await system.client().request(RegisterDocument, {
    input: { login: unique('donor'), password: 'a long donor password', displayName },
  });
  return {
    id: register.account.id,
    token: register.accessToken,
    refreshToken: register.refreshToken,
    client: system.client(register.accessToken),
  };
}

export async function createStaff(system: System, organizer: Actor, role: Role, displayName: string): Promise<Actor> {
  const login = unique(role.toLowerCase());
  const password = 'a long staff password';
  await organizer.client.request(CreateStaffAccountDocument, {
    input: { login, password, displayName, roles: [role] },
  });
  return signIn(system, login, password);
}

/** The price of one share of every species at the sites these helpers create. */
const SHARE_PRICE = { amountMinor: 25_000, currency: 'GBP' } as const;

/** The site `placeOrder` orders from unless told otherwise: the last one `createSeasonAndSite` priced. */
let pricedSite: string | undefined;

/**
 * Prices every species at a site (`SHARE_PRICE`) and waits until the donor subgraph's copy of the
 * price list (fed by `sacrifice.price-set`) has them, so orders placed next are priced.
 */
async function priceSite(system: System, organizer: Actor, siteId: string): Promise<void> {
  for (const species of ['SHEEP', 'GOAT', 'COW', 'CAMEL'] as Species[])
    await organizer.client.request(SetSharePriceDocument, { input: { siteId, species, ...SHARE_PRICE } });
  const donorDb = system.subgraphs.donor!.orm.em.getConnection();
  await eventually(
    async () => {
      const [row] = await donorDb.execute<{ n: string }[]>('select count(*) as n from site_price where site_id = ?', [
        siteId,
      ]);
      return Number(row?.n) === 4;
    },
    20_000,
    50,
  );
  pricedSite = siteId;
}

/** A 1447 season with one site in Karachi, every species priced (`priceSite`) when given the system. */
export async function createSeasonAndSite(
  organizer: Actor,
  system?: System,
): Promise<{ seasonId: string; siteId: string }> {
  const { createSeason } = await organizer.client.request(CreateSeasonDocument, {
    input: { name: `Eid 1447 ${randomUUID().slice(0, 6)}`, hijriYear: SEASON_1447.hijriYear },
  });
  const { createSite } = await organizer.client.request(CreateSiteDocument, {
    input: { seasonId: createSeason.id, name: 'Karachi East', region: 'Sindh', timeZone: 'Asia/Karachi' },
  });
  if (system) await priceSite(system, organizer, createSite.id);
  return { seasonId: createSeason.id, siteId: createSite.id };
}

export async function addAnimals(organizer: Actor, siteId: string, species: Species, count: number): Promise<string[]> {
  const animals = Array.from({ length: count }, () => ({
    tag: `${species}-${randomUUID().slice(0, 8)}`,
    weightKg: 40,
  }));
  const { addAnimals: added } = await organizer.client.request(AddAnimalsDocument, { siteId, species, animals });
  return added.map((a) => a.id);
}

export async function placeOrder(
  donor: Actor,
  species: Species,
  names: string[],
  clientRequestId: string = randomUUID(),
  siteId: string | undefined = pricedSite,
) {
  if (!siteId) throw new Error('price a site first (createSeasonAndSite(organizer, system) or priceSite)');
  const { placeOrder: order } = await donor.client.request(PlaceOrderDocument, {
    input: { clientRequestId, siteId, species, shares: names },
  });
  return order;
}

/**
 * Records an offline payment (bank transfer) of every placed, unpaid order, as an organizer does;
 * `concurrency` payments at a time (setups of a thousand orders).
 */
export async function payAllOrders(organizer: Actor, concurrency = 1): Promise<void> {
  // All pages first: a paid order leaves the PLACED list, which would shift the pages under the cursor.
  const unpaid: { id: string; amountMinor: number; currency: string }[] = [];
  let after: string | undefined;
  do {
    const { orders } = await organizer.client.request(AllOrdersDocument, { status: 'PLACED', first: 100, after });
    unpaid.push(...orders.edges.map((e) => e.node).filter((node) => node.paymentStatus === 'PENDING'));
    after = orders.pageInfo.hasNextPage ? (orders.pageInfo.endCursor ?? undefined) : undefined;
  } while (after);
  await inParallel(unpaid, concurrency, (node) =>
    organizer.client.request(RecordPaymentDocument, {
      input: {
        orderId: node.id,
        amountMinor: node.amountMinor,
        currency: node.currency,
        provider: 'bank-transfer',
        reference: `bank-${node.id}`,
      },
    }),
  );
}

/** Runs `work` over `items`, at most `concurrency` at a time, in order of start. */
export async function inParallel<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<unknown>,
) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, lane));
}

/**
 * Allocates `shares` shares in one run, as an organizer does once the orders are in and paid (only
 * paid shares are allocated: unpaid orders are paid offline here first). Orders and payments reach
 * the sacrifice subgraph through `order.placed` and `order.paid`, so first wait until it holds them
 * all: an early run would start a cow with the shares known so far.
 */
export async function allocateAll(
  system: System,
  organizer: Actor,
  seasonId: string,
  shares: number,
  concurrency = 1,
): Promise<void> {
  await payAllOrders(organizer, concurrency);
  const connection = system.subgraphs.sacrifice!.orm.em.getConnection();
  await eventually(
    async () => {
      const [row] = await connection.execute<{ n: string }[]>(
        'select count(*) as n from order_share s join paid_order p on p.order_id = s.order_id where s.sacrifice_id is null',
      );
      return Number(row?.n) >= shares;
    },
    Math.max(20_000, shares * 60),
    100,
  );
  const { allocateShares } = await organizer.client.request(AllocateSharesDocument, { seasonId });
  if (allocateShares.sharesAllocated !== shares)
    throw new Error(`allocated ${allocateShares.sharesAllocated} of ${shares} shares`);
}

/**
 * The executor records the sacrifice inside the 1447 window (the system's clock is set there for the
 * call), as meat packs and hides need; a sacrifice already performed is left as it is.
 */
export async function performSacrifice(system: System, executor: Actor, sacrificeId: string): Promise<void> {
  system.now.value = new Date(SEASON_1447.insideWindow);
  try {
    const res = await executor.client.execute(RecordSacrificePerformedDocument, { sacrificeId });
    if (res.errors && res.errors[0]?.extensions?.code !== 'CONFLICT') throw new Error(JSON.stringify(res.errors));
  } finally {
    system.now.value = null;
  }
}
