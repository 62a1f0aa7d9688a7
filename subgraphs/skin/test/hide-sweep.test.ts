import { Subject } from '@qurbani/events';
import { newId, Role } from '@qurbani/kit';
import { eventually } from '@qurbani/kit/testing';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { person, startHarness, type Harness } from './support.js';

const RECORD = `mutation($s: ID!, $at: DateTimeISO!, $store: String) {
  recordHide(sacrificeId: $s, collectedAt: $at, weightKg: 4, store: $store) { id status store siteId preserveBy } }`;
const SWEEP = `mutation { sweepHides { alerted spoiled } }`;
const HIDE = `query($id: ID!) { hide(id: $id) { status alertedAt spoiledAt } }`;
const sum = (results: any[], key: 'alerted' | 'spoiled') =>
  results.reduce((n, r) => n + (r.data?.sweepHides?.[key] ?? 0), 0);

describe('the hide sweep: staff alerted before the deadline, SPOILED after it, each exactly once', () => {
  const clock = { now: new Date('2026-05-27T08:00:00Z') };
  const organizer = person(Role.ORGANIZER);
  const executor = person(Role.EXECUTOR);
  const driver = person(Role.DRIVER);
  const [salted, forgotten, notYetSacrificed] = [newId(), newId(), newId()];
  const ids: Record<string, string> = {};
  let h: Harness;

  before(async () => {
    h = await startHarness(() => clock.now);
    await h.allocate(salted, [newId()]);
    await h.allocate(forgotten, [newId()]);
    await h.allocate(notYetSacrificed, [newId()], 'SHEEP', false);
  });
  after(() => h.close());

  it('lets field staff record hides of performed sacrifices only, with where they are kept', async () => {
    const early = await h.call(executor, RECORD, { s: notYetSacrificed, at: clock.now.toISOString() });
    assert.equal(early.errors?.[0]?.extensions?.code, 'CONFLICT');
    assert.match(early.errors![0]!.message, /not performed yet/);
    const a = await h.call(executor, RECORD, { s: salted, at: clock.now.toISOString(), store: 'Shed 2' });
    const b = await h.call(driver, RECORD, { s: forgotten, at: clock.now.toISOString(), store: 'Shed 2' });
    assert.equal(a.errors ?? b.errors, undefined);
    assert.equal(a.data.recordHide.store, 'Shed 2');
    [ids.salted, ids.forgotten] = [a.data.recordHide.id, b.data.recordHide.id];
    // Each test allocation is at a site of its own.
    const located = `query($site: ID) { hides(siteId: $site, store: "Shed 2") { totalCount edges { node { id } } } }`;
    const bySite = await h.call(organizer, located, { site: a.data.recordHide.siteId });
    assert.deepEqual(
      bySite.data.hides.edges.map((e: any) => e.node.id),
      [ids.salted],
    );
    assert.equal((await h.call(organizer, located, {})).data.hides.totalCount, 2);
  });

  it('alerts the collecting staff once when a hide becomes at risk, however many replicas sweep', async () => {
    assert.deepEqual((await h.call(organizer, SWEEP)).data.sweepHides, { alerted: 0, spoiled: 0 });
    clock.now = new Date('2026-05-27T13:10:00Z'); // 50 minutes before the 14:00 deadline
    const salt = await h.call(executor, `mutation($id: ID!) { preserveHide(id: $id) { status } }`, { id: ids.salted });
    assert.equal(salt.data.preserveHide.status, 'PRESERVED');
    const results = await Promise.all([1, 2, 3].map(() => h.call(organizer, SWEEP)));
    assert.equal(sum(results, 'alerted'), 1);
    assert.equal(sum([await h.call(organizer, SWEEP)], 'alerted'), 0);
    const sent = await eventually(async () => {
      const all = (await h.published(Subject.NotificationSend)).filter((n) => n.kind === 'HIDE_AT_RISK');
      return all.length ? all : false;
    });
    assert.deepEqual(
      sent.map((n: any) => [n.recipientAccountId, n.params.hideId]),
      [[driver.id, ids.forgotten]],
    );
  });

  it('marks an unsalted hide SPOILED once after its deadline, tells its staff once, and refuses salting it late', async () => {
    clock.now = new Date('2026-05-27T14:01:00Z');
    const results = await Promise.all([1, 2, 3].map(() => h.call(organizer, SWEEP)));
    assert.equal(sum(results, 'spoiled'), 1);
    assert.equal((await h.call(organizer, HIDE, { id: ids.forgotten })).data.hide.status, 'SPOILED');
    assert.equal((await h.call(organizer, HIDE, { id: ids.salted })).data.hide.status, 'PRESERVED');
    const late = await h.call(executor, `mutation($id: ID!) { preserveHide(id: $id) { status } }`, {
      id: ids.forgotten,
    });
    assert.equal(late.errors?.[0]?.extensions?.code, 'CONFLICT');
    await eventually(async () => {
      const all = (await h.published(Subject.NotificationSend)).filter((n) => n.kind === 'HIDE_SPOILED');
      return all.length === 1 && all[0].params.hideId === ids.forgotten;
    });
    const trail = await h.call(organizer, `query($id: ID!) { skinAuditTrail(entityId: $id) { action actorId } }`, {
      id: ids.forgotten,
    });
    assert.deepEqual(
      trail.data.skinAuditTrail.map((r: any) => [r.action, r.actorId]),
      [
        ['hide.spoiled', null],
        ['hide.recorded', driver.id],
      ],
    );
  });
});
