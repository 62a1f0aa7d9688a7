// Orders and payments, then the organizer's allocation of shares to animals and executors.
import { sleep } from './api.mjs';

const PLACE_ORDER =
  'mutation PlaceOrder($input: PlaceOrderInput!) { placeOrder(input: $input) { id species shareCount status paymentStatus amountMinor currency } }';
const RECORD_PAYMENT =
  'mutation RecordPayment($input: RecordPaymentInput!) { recordPayment(input: $input) { id paymentStatus } }';
const ALLOCATE = `mutation Allocate($seasonId: ID!, $onlyFullAnimals: Boolean!) {
  allocateShares(seasonId: $seasonId, onlyFullAnimals: $onlyFullAnimals) { sacrificesCreated sharesAllocated sharesPending }
}`;
const ASSIGN =
  'mutation Assign($siteId: ID!, $executorIds: [ID!]!, $quota: Int!) { assignByQuota(siteId: $siteId, executorIds: $executorIds, quota: $quota) { assigned stillUnassigned } }';

/**
 * The clientRequestId makes a second run return the same order instead of a new one. The charity's
 * price reaches the donor subgraph through an event a moment after it is set: an order refused for
 * want of a price is tried again for a few seconds.
 */
export async function placeOrder(donor, { clientRequestId, siteId, species, names, donationMinor }) {
  const input = { clientRequestId, siteId, species, shares: names, donationMinor };
  for (let attempt = 0; ; attempt++) {
    try {
      return (await donor.call(PLACE_ORDER, { input })).placeOrder;
    } catch (error) {
      const priceMissing = error.code === 'BAD_USER_INPUT' && error.field === 'siteId';
      if (!priceMissing || attempt >= 50) throw error;
      await sleep(200);
    }
  }
}

/** Records the full amount once; an order already paid is left alone. */
export async function payInFull(organizer, order, provider) {
  if (order.paymentStatus === 'PAID') return order;
  const input = {
    orderId: order.id,
    amountMinor: order.amountMinor,
    currency: order.currency,
    provider,
    reference: `demo-${order.id}`,
  };
  return { ...order, ...(await organizer.call(RECORD_PAYMENT, { input })).recordPayment };
}

/**
 * Orders reach the sacrifice subgraph through events, a moment after placeOrder answers. Whole
 * animals are allocated while the shares arrive; a cow or camel only partly filled waits until all
 * `expectedShares` are there, since an early run would start it with the names known so far.
 */
export async function allocateAll(organizer, seasonId, expectedShares, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  const totals = { sacrificesCreated: 0, sharesAllocated: 0, sharesPending: 0, complete: false };
  const run = async (onlyFullAnimals) => {
    const { allocateShares: r } = await organizer.call(ALLOCATE, { seasonId, onlyFullAnimals });
    totals.sacrificesCreated += r.sacrificesCreated;
    totals.sharesAllocated += r.sharesAllocated;
    totals.sharesPending = r.sharesPending;
  };
  do {
    await run(true);
    totals.complete = totals.sharesAllocated + totals.sharesPending >= expectedShares;
    if (!totals.complete) await sleep(200);
  } while (!totals.complete && Date.now() < deadline);
  await run(false);
  return totals;
}

/** Each executor takes up to `quota` of the site's unassigned sacrifices. */
export async function assignSite(organizer, siteId, executorIds, quota = 100) {
  return (await organizer.call(ASSIGN, { siteId, executorIds, quota })).assignByQuota;
}
