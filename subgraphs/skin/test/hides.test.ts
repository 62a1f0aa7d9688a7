import { newId, Role } from '@qurbani/kit';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { person, startHarness, type Harness } from './support.js';

const RECORD = `mutation($s: ID!, $at: DateTimeISO!, $w: Float!) { recordHide(sacrificeId: $s, collectedAt: $at, weightKg: $w) {
  id species status preserveBy isAtRisk weightKg sacrifice { id } } }`;
const HIDE = `query($id: ID!) { hide(id: $id) { id status grade isAtRisk lot { id } } }`;
const HIDES = `query($atRisk: Boolean, $status: HideStatus) { hides(atRisk: $atRisk, status: $status) { totalCount edges { node { id } } } }`;
const hoursBefore = (date: Date, hours: number) => new Date(date.getTime() - hours * 3_600_000).toISOString();

describe('hides and their preservation deadline', () => {
  const now = new Date('2026-05-27T12:00:00Z');
  const organizer = person(Role.ORGANIZER);
  const [donor, otherDonor] = [person(Role.DONOR), person(Role.DONOR)];
  const [fresh, nearlyDue, overdue] = [newId(), newId(), newId()];
  const ids: Record<string, string> = {};
  let h: Harness;

  before(async () => {
    h = await startHarness(() => now);
    await h.allocate(fresh, [donor.id], 'COW');
    await h.allocate(nearlyDue, [otherDonor.id]);
    await h.allocate(overdue, [otherDonor.id]);
  });
  after(() => h.close());

  it('records a hide with a deadline six hours after collection', async () => {
    const res = await h.call(organizer, RECORD, { s: fresh, at: hoursBefore(now, 1), w: 31.456 });
    assert.equal(res.errors, undefined);
    assert.deepEqual(
      { ...res.data.recordHide, id: undefined },
      {
        id: undefined,
        species: 'COW',
        status: 'COLLECTED',
        preserveBy: hoursBefore(now, -5),
        isAtRisk: false,
        weightKg: 31.46,
        sacrifice: { id: fresh },
      },
    );
    ids.fresh = res.data.recordHide.id;
  });

  it('refuses a second hide for the same animal, unknown sacrifices and impossible values', async () => {
    const code = async (vars: Record<string, unknown>, viewer = organizer) =>
      (await h.call(viewer, RECORD, vars)).errors?.[0]?.extensions?.code;
    assert.equal(await code({ s: fresh, at: hoursBefore(now, 1), w: 20 }), 'CONFLICT');
    assert.equal(await code({ s: newId(), at: hoursBefore(now, 1), w: 20 }), 'NOT_FOUND');
    assert.equal(await code({ s: 'nope', at: hoursBefore(now, 1), w: 20 }), 'BAD_USER_INPUT');
    assert.equal(await code({ s: nearlyDue, at: hoursBefore(now, 1), w: 0 }), 'BAD_USER_INPUT');
    assert.equal(
      await code({ s: nearlyDue, at: hoursBefore(now, -1), w: 3 }),
      'BAD_USER_INPUT',
      'collected in the future',
    );
    assert.equal(await code({ s: nearlyDue, at: hoursBefore(now, 1), w: 3 }, person(Role.DONOR)), 'FORBIDDEN');
  });

  it('shows a hide as at risk when its deadline is within an hour or past', async () => {
    ids.nearlyDue = (
      await h.call(organizer, RECORD, { s: nearlyDue, at: hoursBefore(now, 5.5), w: 4 })
    ).data.recordHide.id;
    const late = await h.call(organizer, RECORD, { s: overdue, at: hoursBefore(now, 7), w: 4 });
    assert.equal(late.data.recordHide.isAtRisk, true);
    ids.overdue = late.data.recordHide.id;
    const atRisk = await h.call(organizer, HIDES, { atRisk: true });
    assert.deepEqual(
      atRisk.data.hides.edges.map((e: any) => e.node.id),
      [ids.nearlyDue, ids.overdue],
    );
    assert.equal(atRisk.data.hides.totalCount, 2);
    const safe = await h.call(organizer, HIDES, { atRisk: false });
    assert.deepEqual(
      safe.data.hides.edges.map((e: any) => e.node.id),
      [ids.fresh],
    );
  });

  it('takes a hide off the at-risk list once it is salted, and lets it be graded only then', async () => {
    const grade = `mutation($id: ID!) { gradeHide(id: $id, grade: A) { status grade } }`;
    assert.equal((await h.call(organizer, grade, { id: ids.nearlyDue })).errors?.[0]?.extensions?.code, 'CONFLICT');
    const preserved = await h.call(
      organizer,
      `mutation($id: ID!) { preserveHide(id: $id) { status preservedAt isAtRisk } }`,
      { id: ids.nearlyDue },
    );
    assert.deepEqual(preserved.data.preserveHide, {
      status: 'PRESERVED',
      preservedAt: now.toISOString(),
      isAtRisk: false,
    });
    assert.deepEqual((await h.call(organizer, grade, { id: ids.nearlyDue })).data.gradeHide, {
      status: 'GRADED',
      grade: 'A',
    });
    const early = `mutation($id: ID!, $at: DateTimeISO) { preserveHide(id: $id, at: $at) { status } }`;
    assert.equal(
      (await h.call(organizer, early, { id: ids.overdue, at: hoursBefore(now, 8) })).errors?.[0]?.extensions?.code,
      'BAD_USER_INPUT',
    );
    const spoiled = await h.call(organizer, `mutation($id: ID!) { markSpoiled(id: $id) { status isAtRisk } }`, {
      id: ids.overdue,
    });
    assert.deepEqual(spoiled.data.markSpoiled, { status: 'SPOILED', isAtRisk: false });
    assert.equal((await h.call(organizer, HIDES, { atRisk: true })).data.hides.totalCount, 0);
    assert.equal((await h.call(organizer, HIDES, { status: 'SPOILED' })).data.hides.totalCount, 1);
  });

  it("shows a donor their animal's hide and nobody else's", async () => {
    const mine = await h.call(donor, HIDE, { id: ids.fresh });
    assert.deepEqual(mine.data.hide, { id: ids.fresh, status: 'COLLECTED', grade: null, isAtRisk: false, lot: null });
    assert.equal((await h.call(otherDonor, HIDE, { id: ids.fresh })).errors?.[0]?.extensions?.code, 'NOT_FOUND');
    assert.equal((await h.call(donor, HIDES)).errors?.[0]?.extensions?.code, 'FORBIDDEN');
    const refs = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Hide { id } } }`;
    assert.deepEqual((await h.call(otherDonor, refs, { r: [{ __typename: 'Hide', id: ids.fresh }] })).data._entities, [
      null,
    ]);
  });
});
