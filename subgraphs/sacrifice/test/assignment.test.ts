import { Subject } from '@qurbani/events';
import { Role } from '@qurbani/kit';
import { eventually } from '@qurbani/kit/testing';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startHarness, viewerOf, type Harness } from './harness.js';

const ASSIGN = `mutation($s: ID!, $e: ID!) { assignSacrifice(sacrificeId: $s, executorId: $e) { id status assignedAt executor { id } } }`;
const STAFF = `mutation($s: ID!, $a: ID!, $r: SiteRole!) { addSiteStaff(siteId: $s, accountId: $a, role: $r) { id } }`;
const UNSTAFF = `mutation($s: ID!, $a: ID!, $r: SiteRole!) { removeSiteStaff(siteId: $s, accountId: $a, role: $r) }`;
const QUOTA = `mutation($site: ID!, $e: [ID!]!, $q: Int!) { assignByQuota(siteId: $site, executorIds: $e, quota: $q) { assigned stillUnassigned executors { executor { id } assigned } } }`;
const PERFORM = `mutation($s: ID!, $at: DateTimeISO) { recordSacrificePerformed(sacrificeId: $s, performedAt: $at) { id status performedAt animal { status } } }`;
const MINE = `query { mySacrifices(first: 50) { edges { node { id status namesToPronounce } } } }`;
const idsAt = async (h: Harness, site: string) =>
  (
    await h.ok(h.organizer, `query($s: ID!) { sacrifices(siteId: $s) { edges { node { id } } } }`, { s: site })
  ).sacrifices.edges.map((e: any) => e.node.id as string);

describe('assigning executors and recording sacrifices', () => {
  let h: Harness;
  let karachi: string;
  let sacrifices: string[];
  const butcher = viewerOf(Role.EXECUTOR);
  const other = viewerOf(Role.EXECUTOR);

  before(async () => {
    h = await startHarness();
    const season = await h.season(1447);
    karachi = await h.site(season.id, 'Karachi', 'Asia/Karachi');
    await h.staff(karachi, butcher.id);
    await h.staff(karachi, other.id);
    await h.animals(karachi, 'SHEEP', ['S-1', 'S-2', 'S-3', 'S-4', 'S-5', 'S-6']);
    await h.placeOrder(viewerOf(Role.DONOR).id, 'SHEEP', ['Name 1', 'Name 2', 'Name 3', 'Name 4', 'Name 5', 'Name 6']);
    await h.allocate(season.id);
    sacrifices = await idsAt(h, karachi);
    assert.equal(sacrifices.length, 6);
  });
  after(async () => {
    await h.close();
  });

  it('assigns one sacrifice to an executor, who then sees it with the name to say', async () => {
    const data = await h.ok(h.organizer, ASSIGN, { s: sacrifices[0], e: butcher.id });
    assert.equal(data.assignSacrifice.status, 'ASSIGNED');
    assert.equal(data.assignSacrifice.executor.id, butcher.id);
    const mine = (await h.ok(butcher, MINE)).mySacrifices.edges.map((e: any) => e.node);
    assert.deepEqual(mine, [{ id: sacrifices[0], status: 'ASSIGNED', namesToPronounce: ['Name 1'] }]);
    assert.deepEqual((await h.ok(other, MINE)).mySacrifices.edges, [], 'another executor sees nothing');
    const assigned = await eventually(async () =>
      (await h.published(Subject.SacrificeAssigned)).find((e) => e.sacrificeId === sacrifices[0]),
    );
    assert.equal(assigned.executorId, butcher.id);
    assert.equal(assigned.donorIds.length, 1);
  });

  it('gives work only to an enabled EXECUTOR who works at the site', async () => {
    const code = (res: any) => res.errors?.[0]?.extensions?.code;
    const stranger = viewerOf(Role.EXECUTOR);
    const unknown = await h.call(h.organizer, ASSIGN, { s: sacrifices[5], e: stranger.id });
    assert.equal(code(unknown), 'BAD_USER_INPUT', 'identity never announced this account');
    assert.match(unknown.errors![0]!.message, /not a staff account with the EXECUTOR role/);

    const driver = viewerOf(Role.DRIVER);
    await h.publish(Subject.AccountRolesSet, { accountId: driver.id, roles: ['DRIVER'], disabled: false });
    await eventually(
      async () => (await h.rows('select 1 from staff_account where account_id = ?', [driver.id])).length === 1,
    );
    const asExecutor = await h.call(h.organizer, STAFF, { s: karachi, a: driver.id, r: 'EXECUTOR' });
    assert.equal(code(asExecutor), 'BAD_USER_INPUT', 'a driver cannot be made an executor of the site');

    // Holds the role, but works at another site of the season.
    const season = (await h.rows<{ season_id: string }>('select season_id from site where id = ?', [karachi]))[0]!;
    const lahore = await h.site(season.season_id, 'Lahore', 'Asia/Karachi');
    const elsewhere = viewerOf(Role.EXECUTOR);
    await h.staff(lahore, elsewhere.id);
    const wrongSite = await h.call(h.organizer, ASSIGN, { s: sacrifices[5], e: elsewhere.id });
    assert.equal(code(wrongSite), 'BAD_USER_INPUT');
    assert.match(wrongSite.errors![0]!.message, /does not work at this site/);
    const byQuota = await h.call(h.organizer, QUOTA, { site: karachi, e: [butcher.id, elsewhere.id], q: 1 });
    assert.equal(code(byQuota), 'BAD_USER_INPUT', 'one outsider refuses the whole quota run');

    // Disabled in identity after being added: no new work.
    await h.staff(karachi, elsewhere.id);
    await h.publish(Subject.AccountRolesSet, { accountId: elsewhere.id, roles: ['EXECUTOR'], disabled: true });
    await eventually(
      async () =>
        (await h.rows('select 1 from staff_account where account_id = ? and disabled', [elsewhere.id])).length === 1,
    );
    const disabled = await h.call(h.organizer, ASSIGN, { s: sacrifices[5], e: elsewhere.id });
    assert.match(disabled.errors?.[0]?.message ?? '', /disabled/);

    const removed = await h.ok(h.organizer, UNSTAFF, { s: karachi, a: butcher.id, r: 'EXECUTOR' });
    assert.equal(removed.removeSiteStaff, true);
    assert.equal(code(await h.call(h.organizer, ASSIGN, { s: sacrifices[5], e: butcher.id })), 'BAD_USER_INPUT');
    await h.staff(karachi, butcher.id);
    const [status] = await h.rows<{ status: string }>('select status from sacrifice where id = ?', [sacrifices[5]]);
    assert.equal(status!.status, 'ALLOCATED', 'nothing was assigned by the refused calls');
  });

  it('shares the oldest unassigned sacrifices out by quota', async () => {
    const e1 = viewerOf(Role.EXECUTOR),
      e2 = viewerOf(Role.EXECUTOR),
      e3 = viewerOf(Role.EXECUTOR);
    for (const e of [e1, e2, e3]) await h.staff(karachi, e.id);
    const data = (await h.ok(h.organizer, QUOTA, { site: karachi, e: [e1.id, e2.id, e3.id], q: 2 })).assignByQuota;
    assert.equal(data.assigned, 5);
    assert.equal(data.stillUnassigned, 0);
    assert.deepEqual(
      data.executors.map((x: any) => x.assigned),
      [2, 2, 1],
    );
    const first = (await h.ok(e1, MINE)).mySacrifices.edges.map((e: any) => e.node.id);
    assert.deepEqual(first, sacrifices.slice(1, 3), 'the first executor gets the oldest ones');
    const none = (await h.ok(h.organizer, QUOTA, { site: karachi, e: [e1.id], q: 5 })).assignByQuota;
    assert.equal(none.assigned, 0);
    const bad = await h.call(h.organizer, QUOTA, { site: karachi, e: [e1.id], q: 0 });
    assert.equal(bad.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
  });

  it('refuses a sacrifice recorded before the window opens, and says when the window is', async () => {
    const res = await h.call(butcher, PERFORM, { s: sacrifices[0], at: '2026-05-27T02:00:00Z' });
    const error = res.errors?.[0];
    assert.equal(error?.extensions?.code, 'OUTSIDE_SACRIFICE_WINDOW');
    assert.match(error!.message, /from 2026-05-27 07:30 to 2026-05-30 19:30 \(Asia\/Karachi\)/);
    assert.match(error!.message, /2026-05-27 07:00 there/);
  });

  it('refuses a sacrifice after sunset on the last day, and one in the future', async () => {
    h.clock.now = new Date('2026-06-01T00:00:00Z');
    const late = await h.call(butcher, PERFORM, { s: sacrifices[0] });
    assert.equal(late.errors?.[0]?.extensions?.code, 'OUTSIDE_SACRIFICE_WINDOW');
    h.clock.now = new Date('2026-05-28T06:00:00Z');
    const future = await h.call(butcher, PERFORM, { s: sacrifices[0], at: '2026-05-28T09:00:00Z' });
    assert.equal(future.errors?.[0]?.extensions?.code, 'OUTSIDE_SACRIFICE_WINDOW');
    assert.match(future.errors![0]!.message, /future/);
  });

  it('records the sacrifice once, only by its executor', async () => {
    const stranger = await h.call(other, PERFORM, { s: sacrifices[0] });
    assert.equal(stranger.errors?.[0]?.extensions?.code, 'NOT_FOUND');
    const organizer = await h.call(h.organizer, PERFORM, { s: sacrifices[0] });
    assert.equal(organizer.errors?.[0]?.extensions?.code, 'FORBIDDEN');

    const done = (await h.ok(butcher, PERFORM, { s: sacrifices[0] })).recordSacrificePerformed;
    assert.equal(done.status, 'PERFORMED');
    assert.equal(done.performedAt, '2026-05-28T06:00:00.000Z');
    assert.equal(done.animal.status, 'SACRIFICED');
    const again = await h.call(butcher, PERFORM, { s: sacrifices[0] });
    assert.equal(again.errors?.[0]?.extensions?.code, 'CONFLICT');
    const reassign = await h.call(h.organizer, ASSIGN, { s: sacrifices[0], e: other.id });
    assert.equal(reassign.errors?.[0]?.extensions?.code, 'CONFLICT', 'a performed sacrifice cannot move');

    const changed = await eventually(async () =>
      (await h.published(Subject.SacrificeStatusChanged)).find(
        (e) => e.sacrificeId === sacrifices[0] && e.status === 'PERFORMED',
      ),
    );
    assert.equal(changed.at, '2026-05-28T06:00:00.000Z');
  });
  it('corrects a season: the name any time, the window only until a sacrifice is recorded in it', async () => {
    const UPDATE = `mutation($id: ID!, $i: UpdateSeasonInput!) { updateSeason(id: $id, input: $i) { name day10 day13 windowStartLocal } }`;
    const [{ season_id: seasonId }] = await h.rows<{ season_id: string }>('select season_id from site where id = ?', [
      karachi,
    ]);
    const renamed = await h.ok(h.organizer, UPDATE, { id: seasonId, i: { name: 'Eid al-Adha 1447 (Karachi)' } });
    assert.equal(renamed.updateSeason.name, 'Eid al-Adha 1447 (Karachi)');
    const moved = await h.call(h.organizer, UPDATE, { id: seasonId, i: { day10: '2026-05-28' } });
    assert.equal(moved.errors?.[0]?.extensions?.code, 'CONFLICT', 'a sacrifice was recorded in this window');
    const later = await h.call(h.organizer, UPDATE, { id: seasonId, i: { windowStartLocal: '09:00' } });
    assert.equal(later.errors?.[0]?.extensions?.code, 'CONFLICT');
    const denied = await h.call(butcher, UPDATE, { id: seasonId, i: { name: 'x' } });
    assert.equal(denied.errors?.[0]?.extensions?.code, 'FORBIDDEN');

    const next = await h.season(1448);
    const sighted = await h.ok(h.organizer, UPDATE, { id: next.id, i: { windowStartLocal: '08:15' } });
    assert.equal(sighted.updateSeason.windowStartLocal, '08:15', 'nothing recorded yet: the window may move');
    const bad = await h.call(h.organizer, UPDATE, { id: next.id, i: { windowEndLocal: '25:00' } });
    assert.equal(bad.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    const [audit] = await h.rows<{ n: string }>(
      `select count(*) as n from audit_record where action = 'season.updated'`,
    );
    assert.equal(Number(audit!.n), 2, 'each correction audited, refusals not');
  });
});
