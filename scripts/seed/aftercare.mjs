// What follows allocation: proof-video tasks, hides, meat packs, families and deliveries.
import { onceKnown, sleep, unlessConflict } from './api.mjs';

const MY_SACRIFICES = 'query Mine { mySacrifices(first: 100) { edges { node { id species video { id status } } } } }';
const REQUEST_VIDEO =
  'mutation RequestVideo($sacrificeId: ID!) { requestVideoUpload(sacrificeId: $sacrificeId) { id status } }';
const SITE_SACRIFICES = `query SiteSacrifices($siteId: ID!) {
  sacrifices(siteId: $siteId, first: 100) { edges { node { id species status video { status } meatPacks { id delivery { id } } hide { id } } } }
}`;
const CREATE_PACKS =
  'mutation Packs($sacrificeId: ID!, $weightsKg: [Float!]!) { createMeatPacks(sacrificeId: $sacrificeId, weightsKg: $weightsKg) { id } }';
const RECORD_HIDE =
  'mutation Hide($sacrificeId: ID!, $collectedAt: DateTimeISO!, $weightKg: Float!) { recordHide(sacrificeId: $sacrificeId, collectedAt: $collectedAt, weightKg: $weightKg) { id preserveBy } }';
const RECIPIENTS = 'query Recipients { recipients(first: 100) { edges { node { id name } } } }';
const CREATE_RECIPIENT =
  'mutation Recipient($input: CreateRecipientInput!) { createRecipient(input: $input) { id name } }';
const ALLOCATE_PACKS =
  'mutation AllocatePacks($limit: Int) { allocatePacks(limit: $limit) { pin delivery { id recipient { name } } } }';
const BUILD_ROUTE =
  'mutation Route($driverId: ID!, $deliveryIds: [ID!]!) { buildRoute(driverId: $driverId, deliveryIds: $deliveryIds) { id stops { index } } }';

export async function sacrificesAt(organizer, siteId) {
  return (await organizer.call(SITE_SACRIFICES, { siteId })).sacrifices.edges.map((e) => e.node);
}

/** The executor opens recording attempts until `count` of their sacrifices have one. */
export async function openVideoTasks(executor, count) {
  const mine = (await executor.call(MY_SACRIFICES)).mySacrifices.edges.map((e) => e.node);
  const todo = mine.filter((s) => !s.video).slice(0, Math.max(0, count - mine.filter((s) => s.video).length));
  for (const s of todo) {
    await onceKnown(() => unlessConflict(() => executor.call(REQUEST_VIDEO, { sacrificeId: s.id })));
  }
  return todo.length;
}

/** Cuts packs from a sacrifice that has none yet. */
export async function cutMeatPacks(organizer, sacrificeId, weightsKg) {
  return onceKnown(() => organizer.call(CREATE_PACKS, { sacrificeId, weightsKg }));
}

/** Records the hide of a sacrifice; a second run finds it already there. */
export async function recordHide(organizer, sacrificeId, weightKg, collectedAt = new Date()) {
  return onceKnown(() =>
    unlessConflict(() =>
      organizer.call(RECORD_HIDE, { sacrificeId, weightKg, collectedAt: collectedAt.toISOString() }),
    ),
  );
}

/** Families are created once, matched by name. */
export async function ensureRecipients(organizer, families) {
  const { recipients } = await organizer.call(RECIPIENTS);
  const known = new Set(recipients.edges.map((e) => e.node.name));
  const missing = families.filter((f) => !known.has(f.name));
  for (const input of missing) await organizer.call(CREATE_RECIPIENT, { input });
  return missing.length;
}

/** Gives waiting packs to the families first in line, then one route for the driver. */
export async function deliverPacks(organizer, driver, limit) {
  const { allocatePacks: created } = await organizer.call(ALLOCATE_PACKS, { limit });
  if (created.length && driver) {
    const deliveryIds = created.map((c) => c.delivery.id);
    // The delivery subgraph learns the site's drivers through an event a moment after they are added.
    for (let attempt = 0; ; attempt++) {
      try {
        await organizer.call(BUILD_ROUTE, { driverId: driver.id, deliveryIds });
        break;
      } catch (error) {
        if (error.code !== 'BAD_USER_INPUT' || error.field !== 'driverId' || attempt >= 50) throw error;
        await sleep(200);
      }
    }
  }
  return created.map((c) => ({ deliveryId: c.delivery.id, family: c.delivery.recipient.name, pin: c.pin }));
}
