import { AllocatedSacrifice, connectNats, Subject, type NatsHandles } from '@qurbani/events';
import { newId, Role, type RunningSubgraph, type Viewer } from '@qurbani/kit';
import { callSubgraph, dropDatabases, eventually, testRunId } from '@qurbani/kit/testing';
import { startDeliverySubgraph, type DeliveryConfig } from '../src/app.js';

const secret = 'test-internal-secret-0123456789abcdef0123456789';
export const EID_1447 = new Date('2026-05-28T09:00:00Z');

export const viewer = (role: Role): Viewer => ({ id: newId(), roles: [role], sessionId: newId() });

/** A delivery subgraph on a throw-away database and stream, plus what tests need around it. */
export async function startHarness() {
  const run = testRunId();
  const streamName = `QURBANI_TEST_DELIVERY_${run}`;
  const subjectPrefix = streamName.toLowerCase();
  const sql: string[] = [];
  const config: DeliveryConfig = {
    port: 0,
    baseUrl: 'postgresql://postgres@127.0.0.1:5432',
    dbName: `qurbani_delivery_${run}`,
    internalSecret: secret,
    piiKey: 'test-pii-key-0123456789abcdef0123456789abcdef',
    natsUrl: 'nats://127.0.0.1:4222',
    streamName,
    subjectPrefix,
    onQuery: (line) => sql.push(line),
    now: () => EID_1447,
  };
  const subgraph: RunningSubgraph = await startDeliverySubgraph(config);
  const nats: NatsHandles = await connectNats(config.natsUrl);

  return {
    subgraph,
    /** Live signals go to `<subjectPrefix>.live.>`; Redis keys start with `<subjectPrefix>:`. */
    subjectPrefix,
    call: <T = any>(who: Viewer | null, query: string, variables?: Record<string, unknown>) =>
      callSubgraph<T>(subgraph.url, secret, who, query, variables),
    rawRows: (query: string, params: unknown[] = []) => subgraph.orm.em.fork().getConnection().execute(query, params),

    /** Publishes `sacrifice.allocated` as the sacrifice subgraph's relay would, and waits until it is recorded. */
    async allocate(donorIds: string[]): Promise<string> {
      const sacrificeId = newId();
      const payload = { sacrificeId, animalId: newId(), siteId: newId(), species: 'SHEEP', orderIds: [newId()], donorIds };
      await nats.js.publish(`${subjectPrefix}.${Subject.SacrificeAllocated}`, JSON.stringify(payload), { msgID: newId() });
      await eventually(() => subgraph.orm.em.fork().findOne(AllocatedSacrifice, { sacrificeId }).then((row) => !!row));
      return sacrificeId;
    },

    /** SQL statements sent while `work` runs, leaving out the relay's and consumer's background polling. */
    async statementsDuring(work: () => Promise<unknown>): Promise<string[]> {
      const start = sql.length;
      await work();
      return sql
        .slice(start)
        .map((line) => line.replace(/\x1B\[\d+m/g, ''))
        .filter((line) => /\b(select|insert|update|delete)\b/i.test(line) && !/outbox_message|inbox_message/.test(line));
    },

    async close() {
      await subgraph.close();
      await nats.jsm.streams.delete(streamName).catch(() => undefined);
      await nats.close();
      await dropDatabases(config.baseUrl, [config.dbName]);
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

export const CREATE_RECIPIENT = `mutation($input: CreateRecipientInput!) { createRecipient(input: $input) { id } }`;
export const CREATE_PACKS = `mutation($s: ID!, $w: [Float!]!) { createMeatPacks(sacrificeId: $s, weightsKg: $w) { id status weightKg } }`;
export const CREATE_DELIVERY = `mutation($p: ID!, $r: ID!) { createDelivery(packId: $p, recipientId: $r) { pin delivery { id status campaign } } }`;
export const BUILD_ROUTE = `mutation($d: [ID!]!, $driver: ID!) { buildRoute(deliveryIds: $d, driverId: $driver) { id status driver { id } stops { index delivery { id status } } } }`;
export const START = `mutation($id: ID!) { startDelivery(id: $id) { id status } }`;
export const CONFIRM = `mutation($id: ID!, $pin: String!, $photo: String) { confirmDelivery(id: $id, pin: $pin, photoKey: $photo) { id status deliveredAt proofPhotoKey pinLocked } }`;

export const family = (over: Record<string, unknown> = {}) => ({
  name: 'Family Benali',
  householdSize: 5,
  region: 'Casablanca',
  priority: 1,
  phone: '+212612345678',
  address: '12 Rue des Oliviers, Casablanca',
  ...over,
});

/** Organizer steps: a recipient, one pack of an allocated sacrifice, and a delivery pairing them. */
export async function plannedDelivery(h: Harness, organizer: Viewer, donorIds: string[], recipient = family()) {
  const sacrificeId = await h.allocate(donorIds);
  const r = await h.call(organizer, CREATE_RECIPIENT, { input: recipient });
  const p = await h.call(organizer, CREATE_PACKS, { s: sacrificeId, w: [2.5] });
  const d = await h.call(organizer, CREATE_DELIVERY, { p: p.data.createMeatPacks[0].id, r: r.data.createRecipient.id });
  if (d.errors) throw new Error(JSON.stringify(d.errors));
  return { sacrificeId, recipientId: r.data.createRecipient.id as string, packId: p.data.createMeatPacks[0].id as string, deliveryId: d.data.createDelivery.delivery.id as string, pin: d.data.createDelivery.pin as string };
}
