import { Subject } from '@qurbani/events';
import { newId, Role } from '@qurbani/kit';
import { eventually } from '@qurbani/kit/testing';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startHarness, viewerOf, type Harness } from './harness.js';

const ASSIGN = `mutation($s: ID!, $e: ID!) { assignSacrifice(sacrificeId: $s, executorId: $e) { id } }`;
const PERFORM = `mutation($s: ID!, $at: DateTimeISO) { recordSacrificePerformed(sacrificeId: $s, performedAt: $at) { id status } }`;
const STATUS = `query($id: ID!) { sacrifice(id: $id) { status } }`;
const check = (status: string) => ({ status, model: 'm', version: '1', evidence: {} });

describe('the proof video decides whether a sacrifice is verified', () => {
  let h: Harness;
  let site: string;
  let sacrifices: string[];
  const butcher = viewerOf(Role.EXECUTOR);
  const statusOf = async (id: string) => (await h.ok(h.organizer, STATUS, { id })).sacrifice.status as string;
  const verdict = (sacrificeId: string, outcome: 'VALIDATED' | 'FLAGGED', videoId = newId()) =>
    h.nats.js.publish(
      `${h.run.subjectPrefix}.${Subject.VideoProcessedFinal}`,
      JSON.stringify({
        videoId,
        sacrificeId,
        outcome,
        checks: { scene: check('pass'), names: check(outcome === 'VALIDATED' ? 'pass' : 'manual_review') },
        model: 'qurbani-model 0.1.0',
        analyzedAt: new Date().toISOString(),
      }),
      { msgID: newId() },
    );
  const reviewed = (sacrificeId: string, videoId: string, decision: 'APPROVE' | 'REJECT') =>
    h.nats.js.publish(
      `${h.run.subjectPrefix}.${Subject.VideoReviewed}`,
      JSON.stringify({ videoId, sacrificeId, decision, decidedAt: new Date().toISOString() }),
      { msgID: newId() },
    );

  before(async () => {
    h = await startHarness();
    const season = await h.season(1447);
    site = await h.site(season.id, 'Karachi', 'Asia/Karachi');
    await h.animals(site, 'SHEEP', ['P-1', 'P-2', 'P-3']);
    await h.placeOrder(viewerOf(Role.DONOR).id, 'SHEEP', ['Amina Khan', 'Yusuf Ibrahim', 'Zainab Malik']);
    await h.allocate(season.id);
    sacrifices = (
      await h.ok(h.organizer, `query($s: ID!) { sacrifices(siteId: $s) { edges { node { id } } } }`, { s: site })
    ).sacrifices.edges.map((e: any) => e.node.id);
    await h.staff(site, butcher.id);
    for (const s of sacrifices) await h.ok(h.organizer, ASSIGN, { s, e: butcher.id });
  });
  after(async () => {
    await h.close();
  });

  it('tells the AI orchestrator the site, its time zone, the species and every name to say', async () => {
    const assigned = await eventually(async () =>
      (await h.published(Subject.SacrificeAssigned)).find((e) => e.sacrificeId === sacrifices[0]),
    );
    assert.deepEqual(
      { siteId: assigned.siteId, timeZone: assigned.timeZone, species: assigned.species, names: assigned.names },
      { siteId: site, timeZone: 'Asia/Karachi', species: 'SHEEP', names: ['Amina Khan'] },
    );
  });

  it('verifies a validated video, flags a flagged one, and a reviewer approval verifies that one', async () => {
    const [a, b] = sacrifices as [string, string];
    for (const s of [a, b]) await h.ok(butcher, PERFORM, { s });
    await verdict(a, 'VALIDATED');
    const flaggedVideo = newId();
    await verdict(b, 'FLAGGED', flaggedVideo);
    await eventually(async () => (await statusOf(a)) === 'VERIFIED' && (await statusOf(b)) === 'FLAGGED');
    await reviewed(b, flaggedVideo, 'REJECT');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(await statusOf(b), 'FLAGGED', 'a rejection waits for the re-take');
    await reviewed(b, flaggedVideo, 'APPROVE');
    await eventually(async () => (await statusOf(b)) === 'VERIFIED');
    // A late verdict of an older attempt never takes a verification back.
    await verdict(b, 'FLAGGED');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(await statusOf(b), 'VERIFIED');
    const changes = (await h.published(Subject.SacrificeStatusChanged))
      .filter((e) => e.sacrificeId === b)
      .map((e) => e.status);
    assert.deepEqual(changes.slice(-3), ['PERFORMED', 'FLAGGED', 'VERIFIED']);
  });

  it('keeps a verdict that arrives before the sacrifice is recorded, and applies it then', async () => {
    const c = sacrifices[2]!;
    await verdict(c, 'VALIDATED');
    await eventually(
      async () =>
        (await h.rows<{ proof_outcome: string }>('select proof_outcome from sacrifice where id = ?', [c]))[0]
          ?.proof_outcome === 'VERIFIED',
    );
    assert.equal(await statusOf(c), 'ASSIGNED');
    const performed = await h.ok(butcher, PERFORM, { s: c });
    assert.equal(performed.recordSacrificePerformed.status, 'VERIFIED');
  });
});
