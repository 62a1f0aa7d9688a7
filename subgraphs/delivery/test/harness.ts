import { AllocatedSacrifice, SacrificeProgress, Subject } from '@qurbani/events';
import { newId, Role, type Viewer } from '@qurbani/kit';
import { eventually, sacrificeAllocated, startTestSubgraph, viewerOf } from '@qurbani/kit/testing';
import { startDeliverySubgraph } from '../src/app.js';

export const EID_1447 = new Date('2026-05-28T09:00:00Z');

export const viewer = (role: Role): Viewer => viewerOf(role);

/**
 * The delivery subgraph on a throw-away database and stream (@qurbani/kit/testing). Live signals go
 * to `<subjectPrefix>.live.>`; Redis keys start with `<subjectPrefix>:`.
 */
export async function startHarness() {
  const h = await startTestSubgraph('delivery', (settings) =>
    startDeliverySubgraph({ ...settings, now: () => EID_1447 }),
  );
  /** Every sacrifice `allocate` announces is at this one site. */
  const siteId = newId();
  return {
    ...h,
    siteId,
    /**
     * Makes an account a driver of the site as identity (`account.roles-set`) and the sacrifice subgraph
     * (`sacrifice.site-staff-set`) announce it, and waits until this subgraph's copies have it.
     */
    async driver(accountId: string, site = siteId, roles: string[] = ['DRIVER']): Promise<void> {
      await h.publish(Subject.AccountRolesSet, { accountId, roles, disabled: false });
      await h.publish(Subject.SiteStaffSet, { siteId: site, accountId, role: 'DRIVER', active: true });
      await eventually(
        async () =>
          (await h.rows('select 1 from site_driver where site_id = ? and account_id = ?', [site, accountId])).length ===
            1 && (await h.rows('select 1 from staff_account where account_id = ?', [accountId])).length === 1,
      );
    },
    /**
     * Publishes `sacrifice.allocated` as the sacrifice subgraph's relay would, then (unless `performed`
     * is false) `sacrifice.status-changed` PERFORMED for `orderIds`, and waits until both are recorded.
     */
    async allocate(donorIds: string[], options: { performed?: boolean; orderIds?: string[] } = {}): Promise<string> {
      const sacrificeId = newId();
      await h.publish(Subject.SacrificeAllocated, { ...sacrificeAllocated(sacrificeId, donorIds), siteId });
      await eventually(() =>
        h.subgraph.orm.em
          .fork()
          .findOne(AllocatedSacrifice, { sacrificeId })
          .then((row) => !!row),
      );
      if (options.performed !== false) await this.perform(sacrificeId, donorIds, options.orderIds ?? [newId()]);
      return sacrificeId;
    },
    /** Publishes `sacrifice.status-changed` PERFORMED and waits until the projection has it. */
    async perform(sacrificeId: string, donorIds: string[], orderIds: string[]): Promise<void> {
      await h.publish(Subject.SacrificeStatusChanged, {
        sacrificeId,
        status: 'PERFORMED',
        orderIds,
        donorIds,
        at: EID_1447.toISOString(),
      });
      await eventually(() =>
        h.subgraph.orm.em
          .fork()
          .findOne(SacrificeProgress, { sacrificeId, performedAt: { $ne: null } })
          .then((row) => !!row),
      );
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

export const CREATE_RECIPIENT = `mutation($input: CreateRecipientInput!) { createRecipient(input: $input) { id } }`;
export const CREATE_PACKS = `mutation($s: ID!, $w: [Float!]!) { createMeatPacks(sacrificeId: $s, weightsKg: $w) { id status weightKg } }`;
export const CREATE_DELIVERY = `mutation($p: ID!, $r: ID!) { createDelivery(packId: $p, recipientId: $r) { pin delivery { id status campaign } } }`;
export const BUILD_ROUTE = `mutation($d: [ID!]!, $driver: ID!) { buildRoute(deliveryIds: $d, driverId: $driver) { id status driver { id } stops { index delivery { id status } } } }`;
export const START = `mutation($id: ID!) { startDelivery(id: $id) { id status } }`;
export const CONFIRM = `mutation($id: ID!, $pin: String!, $photo: ID) { confirmDelivery(id: $id, pin: $pin, photoId: $photo) { id status deliveredAt proofPhotoKey pinLocked } }`;

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
  return {
    sacrificeId,
    recipientId: r.data.createRecipient.id as string,
    packId: p.data.createMeatPacks[0].id as string,
    deliveryId: d.data.createDelivery.delivery.id as string,
    pin: d.data.createDelivery.pin as string,
  };
}
