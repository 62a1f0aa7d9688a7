import { Subject, type Species } from '@qurbani/events';
import { newId, Role } from '@qurbani/kit';
import { eventually, startTestSubgraph, viewerOf } from '@qurbani/kit/testing';
import { startSacrificeSubgraph } from '../src/app.js';

export { viewerOf };

/** The sacrifice subgraph on a throw-away database and stream (@qurbani/kit/testing), with a settable clock. */
export async function startHarness() {
  const clock = { now: new Date('2026-05-28T06:00:00Z') };
  const h = await startTestSubgraph('sacrifice', (settings) =>
    startSacrificeSubgraph({ ...settings, now: () => clock.now }),
  );
  const { ok, rows } = h;
  const organizer = viewerOf(Role.ORGANIZER);

  return {
    ...h,
    clock,
    organizer,

    async season(hijriYear = 1447, extra: Record<string, unknown> = {}) {
      const data = await ok(
        organizer,
        `mutation($i: CreateSeasonInput!) { createSeason(input: $i) { id day10 day13 } }`,
        {
          i: { name: `Eid al-Adha ${hijriYear}`, hijriYear, ...extra },
        },
      );
      return data.createSeason as { id: string; day10: string; day13: string };
    },

    async site(
      seasonId: string,
      name: string,
      timeZone = 'Asia/Karachi',
      extra: Record<string, unknown> = {},
    ): Promise<string> {
      const data = await ok(organizer, `mutation($i: CreateSiteInput!) { createSite(input: $i) { id } }`, {
        i: { seasonId, name, region: 'Test', timeZone, ...extra },
      });
      return data.createSite.id;
    },

    async animals(siteId: string, species: string, tags: string[]): Promise<string[]> {
      const data = await ok(
        organizer,
        `mutation($s: ID!, $sp: Species!, $a: [NewAnimalInput!]!) { addAnimals(siteId: $s, species: $sp, animals: $a) { id } }`,
        {
          s: siteId,
          sp: species,
          a: tags.map((tag) => ({ tag, weightKg: 40 })),
        },
      );
      return data.addAnimals.map((a: { id: string }) => a.id);
    },

    /**
     * Publishes `order.placed` as the donor subgraph's relay would, and waits until its shares are
     * stored; then, unless `paid` is false, `order.paid` (only paid shares are allocated).
     */
    async placeOrder(
      donorId: string,
      species: string,
      names: string[],
      { paid = true, siteId = undefined as string | undefined } = {},
    ) {
      const order = {
        orderId: newId(),
        donorId,
        species: species as Species,
        shares: names.map((offeredFor) => ({ shareId: newId(), offeredFor })),
        ...(siteId ? { siteId } : {}),
      };
      await h.publish(Subject.OrderPlaced, order);
      await eventually(async () => {
        const [row] = await rows<{ n: string }>('select count(*) as n from order_share where order_id = ?', [
          order.orderId,
        ]);
        return Number(row!.n) === names.length;
      });
      if (paid) await this.pay(order.orderId);
      return order;
    },

    /** Publishes `order.paid` as the donor subgraph would, and waits until it is stored. */
    async pay(orderId: string) {
      await h.publish(Subject.OrderPaid, { orderId });
      await eventually(async () => (await rows('select 1 from paid_order where order_id = ?', [orderId])).length === 1);
    },

    /** Publishes `order.cancel-requested` as the donor subgraph would. */
    async cancelOrder(orderId: string) {
      await h.publish(Subject.OrderCancelRequested, { orderId });
    },

    /** Waits for this subgraph's answer to a cancellation request (from its outbox, so before the relay). */
    async cancelDecision(
      orderId: string,
    ): Promise<{ orderId: string; decision: string; reason?: string; decidedAt: string }> {
      return eventually(async () => {
        const [row] = await rows<{
          payload: { orderId: string; decision: string; reason?: string; decidedAt: string };
        }>(
          `select payload from outbox_message where subject = ? and payload->>'orderId' = ? order by id desc limit 1`,
          [Subject.OrderCancelDecided, orderId],
        );
        return row?.payload;
      });
    },

    /**
     * Makes an account `role` staff of a site: publishes identity's `account.roles-set` (the role held),
     * waits for this subgraph's copy, then adds it to the site as an organizer does.
     */
    async staff(siteId: string, accountId: string, role: 'EXECUTOR' | 'DRIVER' = 'EXECUTOR') {
      await h.publish(Subject.AccountRolesSet, { accountId, roles: [role], disabled: false });
      await eventually(
        async () => (await rows('select 1 from staff_account where account_id = ?', [accountId])).length === 1,
      );
      await ok(
        organizer,
        `mutation($s: ID!, $a: ID!, $r: SiteRole!) { addSiteStaff(siteId: $s, accountId: $a, role: $r) { id } }`,
        {
          s: siteId,
          a: accountId,
          r: role,
        },
      );
    },

    async allocate(seasonId: string, extra: Record<string, unknown> = {}) {
      const data = await ok(
        organizer,
        `mutation($s: ID!, $site: ID, $full: Boolean) { allocateShares(seasonId: $s, siteId: $site, onlyFullAnimals: $full) { sacrificesCreated sharesAllocated sharesPending } }`,
        {
          s: seasonId,
          ...extra,
        },
      );
      return data.allocateShares as { sacrificesCreated: number; sharesAllocated: number; sharesPending: number };
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;
