import { Subject } from '@qurbani/events';
import { Role } from '@qurbani/kit';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startHarness, viewerOf, type Harness } from './harness.js';

const PERFORM = `mutation($s: ID!, $at: DateTimeISO) { recordSacrificePerformed(sacrificeId: $s, performedAt: $at) { id status performedAt } }`;
const ASSIGN = `mutation($s: ID!, $e: ID!) { assignSacrifice(sacrificeId: $s, executorId: $e) { id } }`;
/** Inside the 1447 window of a Karachi site (02:30Z on 27 May to 14:30Z on 30 May 2026). */
const INSIDE = new Date('2026-05-28T06:00:00Z');
const minutes = (n: number) => n * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('the time a sacrifice is recorded at comes from the server clock', () => {
  let h: Harness;
  let sacrifices: string[];
  const butcher = viewerOf(Role.EXECUTOR);
  /** Nothing recorded: still ASSIGNED, no time, no PERFORMED event. */
  const unchanged = async (id: string) => {
    const [row] = await h.rows<{ status: string; performed_at: Date | null }>(
      'select status, performed_at from sacrifice where id = ?',
      [id],
    );
    assert.deepEqual(row, { status: 'ASSIGNED', performed_at: null });
    const events = (await h.published(Subject.SacrificeStatusChanged)).filter(
      (e) => e.sacrificeId === id && e.status === 'PERFORMED',
    );
    assert.equal(events.length, 0);
  };

  before(async () => {
    h = await startHarness();
    const season = await h.season(1447);
    const site = await h.site(season.id, 'Karachi', 'Asia/Karachi');
    await h.animals(site, 'SHEEP', ['S-1', 'S-2', 'S-3', 'S-4']);
    await h.placeOrder(viewerOf(Role.DONOR).id, 'SHEEP', ['Name 1', 'Name 2', 'Name 3', 'Name 4']);
    await h.allocate(season.id);
    const listed = await h.ok(h.organizer, `query($s: ID!) { sacrifices(siteId: $s) { edges { node { id } } } }`, {
      s: site,
    });
    sacrifices = listed.sacrifices.edges.map((e: { node: { id: string } }) => e.node.id);
    await h.staff(site, butcher.id);
    for (const s of sacrifices) await h.ok(h.organizer, ASSIGN, { s, e: butcher.id });
  });
  after(async () => {
    await h.close();
  });

  it("records an offline executor's time from 3 minutes ago as given", async () => {
    h.clock.now = INSIDE;
    const at = iso(INSIDE.getTime() - minutes(3));
    const done = (await h.ok(butcher, PERFORM, { s: sacrifices[0], at })).recordSacrificePerformed;
    assert.deepEqual({ status: done.status, performedAt: done.performedAt }, { status: 'PERFORMED', performedAt: at });
  });

  it('refuses a time backdated into the window after the window closed, with OUTSIDE_SACRIFICE_WINDOW, and records nothing', async () => {
    // Sunset on the last day was 14:30Z; the executor tries at 16:00Z, claiming 14:00Z.
    h.clock.now = new Date('2026-05-30T16:00:00Z');
    const res = await h.call(butcher, PERFORM, { s: sacrifices[1], at: '2026-05-30T14:00:00Z' });
    assert.equal(res.errors?.[0]?.extensions?.code, 'OUTSIDE_SACRIFICE_WINDOW');
    assert.match(res.errors![0]!.message, /at most 5 minutes before the server's clock/);
    assert.match(res.errors![0]!.message, /the server's time is 2026-05-30 21:00 there/);
    await unchanged(sacrifices[1]!);
    const late = await h.call(butcher, PERFORM, { s: sacrifices[1] });
    assert.equal(
      late.errors?.[0]?.extensions?.code,
      'OUTSIDE_SACRIFICE_WINDOW',
      "and without a time, the server's own is late",
    );
    await unchanged(sacrifices[1]!);
  });

  it('refuses a time an hour back even inside the window, and says to leave it out', async () => {
    h.clock.now = INSIDE;
    const res = await h.call(butcher, PERFORM, { s: sacrifices[2], at: iso(INSIDE.getTime() - minutes(60)) });
    assert.equal(res.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.match(res.errors![0]!.message, /leave it out to record the sacrifice now/);
    await unchanged(sacrifices[2]!);
  });

  it('still refuses a claimed time before the Eid prayer with OUTSIDE_SACRIFICE_WINDOW', async () => {
    h.clock.now = new Date('2026-05-27T02:32:00Z');
    const res = await h.call(butcher, PERFORM, { s: sacrifices[3], at: '2026-05-27T02:29:00Z' });
    assert.equal(res.errors?.[0]?.extensions?.code, 'OUTSIDE_SACRIFICE_WINDOW');
    await unchanged(sacrifices[3]!);
  });
});
