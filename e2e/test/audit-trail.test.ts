import { eventually } from '@qurbani/kit/testing';
import {
  AllocateSharesDocument,
  AssignSacrificeDocument,
  AuditChainsDocument,
  AuditTrailDocument,
  CancelOrderDocument,
  CloseLotDocument,
  CreateBuyerDocument,
  CreateLotDocument,
  CreateTrackingLinkDocument,
  DisableAccountDocument,
  EnableAccountDocument,
  FailDeliveryDocument,
  GradeHideDocument,
  mergeAuditTrails,
  PreserveHideDocument,
  RecordHideDocument,
  ResetDeliveryPinDocument,
  RevokeTrackingLinkDocument,
  SellLotDocument,
  SweepHidesDocument,
  type TypedDocumentNode,
} from '@qurbani/sdk';
import { parse } from 'graphql';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addAnimals, createStaff, performSacrifice, placeOrder, registerDonor, type Actor } from './support/season.js';
import { startSystem, type System } from './support/system.js';
import { workAt } from './support/staff.js';
import { allocatedOrder, deliveryOnItsWay, trackingWorld, type TrackingWorld } from './support/tracking.js';

const RecordPayment = parse(
  `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id paymentStatus } }`,
) as TypedDocumentNode<{ recordPayment: { id: string } }, { input: Record<string, unknown> }>;

interface Row {
  scope: string;
  action: string;
  /** Lets earlier rows' asynchronous records land before this row counts. */
  prepare?: () => Promise<unknown>;
  /** Runs the mutation once and returns an id the record must name. */
  run: () => Promise<string>;
}

describe('the audit trail: one record per sensitive mutation, in a hash chain that shows tampering', () => {
  let system: System;
  let world: TrackingWorld;
  let organizer: Actor;
  const state: Record<string, string> = {};

  const records = async (scope: string, action: string) =>
    mergeAuditTrails(await organizer.client.request(AuditTrailDocument, { action, limit: 500 })).filter(
      (r) => r.scope === scope,
    );

  const cancelNewOrder = async (name: string) => {
    const donor = await registerDonor(system, 'Canceller');
    const order = await placeOrder(donor, 'GOAT', [name]);
    await eventually(() => donor.client.execute(CancelOrderDocument, { id: order.id }).then((r) => !r.errors));
    return order.id;
  };

  before(async () => {
    system = await startSystem();
    world = await trackingWorld(system);
    organizer = world.organizer;
  });
  after(() => system?.close());

  const rows: Row[] = [
    {
      scope: 'identity',
      action: 'account.created',
      run: async () => (state.reviewer = (await createStaff(system, organizer, 'REVIEWER', 'Audited reviewer')).id),
    },
    {
      scope: 'identity',
      action: 'account.disabled',
      run: async () => (
        await organizer.client.request(DisableAccountDocument, { accountId: state.reviewer! }),
        state.reviewer!
      ),
    },
    {
      scope: 'identity',
      action: 'account.enabled',
      run: async () => (
        await organizer.client.request(EnableAccountDocument, { accountId: state.reviewer! }),
        state.reviewer!
      ),
    },
    {
      scope: 'donor',
      action: 'payment.recorded',
      run: async () => {
        const donor = await registerDonor(system, 'Payer');
        const order = await placeOrder(donor, 'SHEEP', ['Hamza']);
        const input = {
          orderId: order.id,
          amountMinor: 25_000,
          currency: 'GBP',
          provider: 'bank',
          reference: `r-${order.id}`,
        };
        await organizer.client.request(RecordPayment, { input });
        return order.id;
      },
    },
    {
      scope: 'donor',
      action: 'order.cancel-requested',
      run: async () => (state.cancelledOrder = await cancelNewOrder('Zainab')),
    },
    // Decided by the sacrifice subgraph from the event: the system acts, no account.
    {
      scope: 'sacrifice',
      action: 'order.cancel-decided',
      prepare: () =>
        eventually(async () =>
          (await records('sacrifice', 'order.cancel-decided')).some((r) => r.entityIds.includes(state.cancelledOrder!)),
        ),
      run: () => cancelNewOrder('Maryam'),
    },
    {
      scope: 'sacrifice',
      action: 'allocation.run',
      run: async () => {
        await addAnimals(organizer, world.siteId, 'SHEEP', 1);
        await organizer.client.request(AllocateSharesDocument, { seasonId: world.seasonId, siteId: world.siteId });
        return world.seasonId;
      },
    },
    {
      scope: 'sacrifice',
      action: 'sacrifice.assigned-by-quota',
      run: async () => {
        const order = await allocatedOrder(system, world); // allocates (one allocation.run) and assigns by quota
        state.sacrifice = order.sacrificeId;
        return world.siteId;
      },
    },
    {
      scope: 'sacrifice',
      action: 'sacrifice.assigned',
      run: async () => {
        const other = await createStaff(system, organizer, 'EXECUTOR', 'Second butcher');
        await workAt(system, organizer, world.siteId, other.id, 'EXECUTOR');
        await organizer.client.request(AssignSacrificeDocument, {
          sacrificeId: state.sacrifice!,
          executorId: other.id,
        });
        return state.sacrifice!;
      },
    },
    {
      scope: 'delivery',
      action: 'route.built',
      // Back to the first executor (its own sacrifice.assigned record, counted by the row above only).
      prepare: () =>
        organizer.client.request(AssignSacrificeDocument, {
          sacrificeId: state.sacrifice!,
          executorId: world.executor.id,
        }),
      run: async () => {
        await performSacrifice(system, world.executor, state.sacrifice!);
        const van = await deliveryOnItsWay(world, state.sacrifice!, false);
        state.delivery = van.deliveryId;
        return van.routeId;
      },
    },
    {
      scope: 'delivery',
      action: 'delivery.pin-reset',
      run: async () => (
        await organizer.client.request(ResetDeliveryPinDocument, { id: state.delivery! }),
        state.delivery!
      ),
    },
    {
      scope: 'delivery',
      action: 'tracking-link.created',
      run: async () =>
        (state.link = (
          await organizer.client.request(CreateTrackingLinkDocument, { deliveryId: state.delivery! })
        ).createTrackingLink.linkId),
    },
    {
      scope: 'delivery',
      action: 'tracking-link.revoked',
      run: async () => (
        await organizer.client.request(RevokeTrackingLinkDocument, { deliveryId: state.delivery! }),
        state.link!
      ),
    },
    {
      scope: 'delivery',
      action: 'delivery.failed',
      run: async () => (
        await world.driver.client.request(FailDeliveryDocument, { id: state.delivery!, reason: 'Road closed' }),
        state.delivery!
      ),
    },
    {
      scope: 'skin',
      action: 'hide.recorded',
      run: async () => {
        const { recordHide } = await world.executor.client.request(RecordHideDocument, {
          sacrificeId: state.sacrifice!,
          collectedAt: new Date().toISOString(),
          weightKg: 4,
        });
        return (state.hide = recordHide.id);
      },
    },
    {
      scope: 'skin',
      action: 'hide.preserved',
      run: async () => (await world.driver.client.request(PreserveHideDocument, { id: state.hide! }), state.hide!),
    },
    {
      scope: 'skin',
      action: 'hide.graded',
      run: async () => (
        await organizer.client.request(GradeHideDocument, { id: state.hide!, grade: 'A' }),
        state.hide!
      ),
    },
    {
      scope: 'skin',
      action: 'lot.created',
      run: async () =>
        (state.lot = (
          await organizer.client.request(CreateLotDocument, { code: `L-${Date.now()}`, hideIds: [state.hide!] })
        ).createLot.id),
    },
    {
      scope: 'skin',
      action: 'lot.closed',
      run: async () => (await organizer.client.request(CloseLotDocument, { id: state.lot! }), state.lot!),
    },
    {
      scope: 'skin',
      action: 'lot.sold',
      run: async () => {
        const { createBuyer } = await organizer.client.request(CreateBuyerDocument, {
          input: { name: 'Tannery', contact: '+922100000000' },
        });
        await organizer.client.request(SellLotDocument, {
          lotId: state.lot!,
          buyerId: createBuyer.id,
          priceMinor: 9_000,
          currency: 'PKR',
        });
        return state.lot!;
      },
    },
  ];

  for (const row of rows) {
    it(`${row.scope}: ${row.action} leaves exactly one record`, async () => {
      await row.prepare?.();
      const before = (await records(row.scope, row.action)).length;
      const entityId = await row.run();
      const added = await eventually(async () => {
        const now = await records(row.scope, row.action);
        return now.length > before && now;
      }, 20_000);
      await new Promise((resolve) => setTimeout(resolve, 200)); // a duplicate would show by now
      const after = await records(row.scope, row.action);
      assert.equal(after.length - before, 1, JSON.stringify(added.slice(0, 3)));
      assert.ok(after[0]!.entityIds.includes(entityId), `${row.action} names ${entityId}: ${after[0]!.entityIds}`);
      assert.ok(!/\+92|Karachi|Hamza|Zainab|Tannery/.test(`${after[0]!.before}${after[0]!.after}`), 'no personal data');
    });
  }

  it('a sweep with nothing to spoil writes nothing; every chain checks out', async () => {
    const before = (await records('skin', 'hide.spoiled')).length;
    await organizer.client.request(SweepHidesDocument, {});
    assert.equal((await records('skin', 'hide.spoiled')).length, before);
    const chains = await organizer.client.request(AuditChainsDocument, {});
    for (const [name, chain] of Object.entries(chains))
      assert.equal(chain.valid, true, `${name} ${JSON.stringify(chain)}`);
    assert.ok(chains.skinAuditChain.checked >= 6 && chains.identityAuditChain.checked >= 3);
  });

  it('an edited record breaks its chain at that record; a deleted one breaks the next', async () => {
    const skin = system.subgraphs.skin!.orm.em.fork().getConnection();
    const [victim] = await skin.execute<{ id: string }[]>(`select id from audit_record where action = 'lot.sold'`);
    await skin.execute(`update audit_record set after = jsonb_set(after, '{priceMinor}', '1') where id = ?`, [
      victim!.id,
    ]);
    const edited = await organizer.client.request(AuditChainsDocument, {});
    assert.deepEqual(
      { ...edited.skinAuditChain, checked: undefined },
      { valid: false, checked: undefined, brokenAtId: victim!.id },
    );
    assert.equal(edited.deliveryAuditChain.valid, true, 'each subgraph has its own chain');

    const delivery = system.subgraphs.delivery!.orm.em.fork().getConnection();
    const [first, second] = await delivery.execute<{ id: string }[]>(
      `select id from audit_record order by seq limit 2`,
    );
    await delivery.execute(`delete from audit_record where id = ?`, [first!.id]);
    const deleted = await organizer.client.request(AuditChainsDocument, {});
    assert.equal(deleted.deliveryAuditChain.valid, false);
    assert.equal(deleted.deliveryAuditChain.brokenAtId, second!.id);
    const donor = await registerDonor(system, 'Curious');
    const refused = await donor.client.execute(AuditChainsDocument, {});
    assert.equal(refused.errors?.[0]?.extensions?.code, 'FORBIDDEN');
  });
});
