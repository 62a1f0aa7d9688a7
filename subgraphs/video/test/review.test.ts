import { OutboxMessage, Subject } from '@qurbani/events';
import { newId, Role } from '@qurbani/kit';
import { eventually } from '@qurbani/kit/testing';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CheckResult, VideoService, VideoStatus } from '../src/app.js';
import { person, startHarness, type Harness } from './support.js';

const QUEUE = `query($first: Int) { reviewQueue(first: $first) { totalCount edges { node { id status flaggedReason sceneCheck nameCheck } } } }`;
const DECIDE = `mutation($v: ID!, $d: ReviewOutcome!, $r: String) { decideVideo(videoId: $v, decision: $d, reason: $r) {
  id status reviewDecisions { reviewerId decision reason decidedAt } } }`;
const REQUEST = `mutation($s: ID!) { requestVideoUpload(sacrificeId: $s) { id status attempt } }`;
const SACRIFICE_VIDEOS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Sacrifice {
  video { attempt status } videos { totalCount edges { node { attempt status } } } } } }`;

describe('reviewing flagged videos', () => {
  const now = new Date('2026-05-27T09:00:00Z');
  const services = new VideoService(() => now);
  const [donorA, donorB, butcher] = [person(Role.DONOR), person(Role.DONOR), person(Role.EXECUTOR)];
  const [reviewer1, reviewer2, organizer] = [person(Role.REVIEWER), person(Role.REVIEWER), person(Role.ORGANIZER)];
  const [s1, s2] = [newId(), newId()];
  let h: Harness;

  /** Walks a new attempt of `sacrificeId` through upload and the given checks. */
  async function filmed(sacrificeId: string, nameCheck: CheckResult): Promise<string> {
    const res = await h.call(butcher, REQUEST, { s: sacrificeId });
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    const id = res.data.requestVideoUpload.id;
    await services.recordUpload(h.subgraph.orm.em.fork(), id, { storageKey: `videos/${id}.mp4` });
    await services.recordVerdict(h.subgraph.orm.em.fork(), id, {
      outcome: nameCheck === CheckResult.PASS ? 'VALIDATED' : 'FLAGGED',
      sceneCheck: CheckResult.PASS,
      nameCheck,
      evidence: { names: [] },
    });
    return id;
  }

  before(async () => {
    h = await startHarness(() => now);
    await h.allocate(s1, [donorA.id, donorB.id], butcher.id);
    await h.allocate(s2, [donorB.id], butcher.id);
  });
  after(() => h.close());

  it('puts a video whose names could not be heard in the review queue, never passing it', async () => {
    const id = await filmed(s1, CheckResult.UNAVAILABLE);
    const queue = await h.call(reviewer1, QUEUE);
    assert.equal(queue.errors, undefined);
    assert.equal(queue.data.reviewQueue.totalCount, 1);
    assert.deepEqual(queue.data.reviewQueue.edges[0].node, {
      id,
      status: VideoStatus.FLAGGED,
      flaggedReason: 'Name check could not be computed.',
      sceneCheck: 'PASS',
      nameCheck: 'UNAVAILABLE',
    });
    assert.equal((await h.call(organizer, QUEUE)).errors, undefined);
    for (const viewer of [donorA, butcher])
      assert.equal((await h.call(viewer, QUEUE)).errors?.[0]?.extensions?.code, 'FORBIDDEN');
    assert.equal((await h.call(reviewer1, QUEUE, { first: 0 })).errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
  });

  it('needs a reason of 3 to 500 characters to reject, and only reviewers decide', async () => {
    const [{ node }] = (await h.call(reviewer1, QUEUE)).data.reviewQueue.edges;
    for (const r of [null, 'no', 'x'.repeat(501)]) {
      assert.equal(
        (await h.call(reviewer1, DECIDE, { v: node.id, d: 'REJECT', r })).errors?.[0]?.extensions?.code,
        'BAD_USER_INPUT',
      );
    }
    for (const viewer of [organizer, butcher, donorA]) {
      assert.equal(
        (await h.call(viewer, DECIDE, { v: node.id, d: 'APPROVE' })).errors?.[0]?.extensions?.code,
        'FORBIDDEN',
      );
    }
    assert.equal(
      (await h.call(reviewer1, DECIDE, { v: newId(), d: 'APPROVE' })).errors?.[0]?.extensions?.code,
      'NOT_FOUND',
    );
  });

  it('asks the executor for a re-take on rejection, tells the donors, and opens attempt 2', async () => {
    const [{ node }] = (await h.call(reviewer1, QUEUE)).data.reviewQueue.edges;
    const res = await h.call(reviewer1, DECIDE, { v: node.id, d: 'REJECT', r: '  The second name is not said.  ' });
    assert.equal(res.errors, undefined);
    assert.deepEqual(res.data.decideVideo.reviewDecisions, [
      {
        reviewerId: reviewer1.id,
        decision: 'REJECT',
        reason: 'The second name is not said.',
        decidedAt: now.toISOString(),
      },
    ]);
    const sent = await eventually(async () => {
      const rows = await h.subgraph.orm.em.fork().find(OutboxMessage, { subject: Subject.NotificationSend });
      return rows.length === 3 && rows.every((r) => r.publishedAt) && rows;
    });
    const byRecipient = Object.fromEntries(sent.map((r) => [(r.payload as any).recipientAccountId, r.payload as any]));
    assert.equal(byRecipient[butcher.id].kind, 'VIDEO_RETAKE_REQUESTED');
    assert.equal(byRecipient[butcher.id].params.reason, 'The second name is not said.');
    assert.equal(byRecipient[donorA.id].kind, 'VIDEO_REJECTED');
    assert.equal(byRecipient[donorB.id].params.reason, undefined, 'donors learn the outcome, not the reviewer note');

    const retake = await h.call(butcher, REQUEST, { s: s1 });
    assert.equal(retake.data.requestVideoUpload.attempt, 2);
    const seen = await h.call(donorA, SACRIFICE_VIDEOS, { r: [{ __typename: 'Sacrifice', id: s1 }] });
    assert.deepEqual(seen.data._entities[0].video, { attempt: 2, status: 'AWAITING_UPLOAD' });
    assert.equal(seen.data._entities[0].videos.totalCount, 2);
  });

  it('lets one of two reviewers deciding the same video at once win; the other gets CONFLICT', async () => {
    const id = await filmed(s2, CheckResult.MANUAL_REVIEW);
    const results = await Promise.all([
      h.call(reviewer1, DECIDE, { v: id, d: 'APPROVE' }),
      h.call(reviewer2, DECIDE, { v: id, d: 'REJECT', r: 'Knife not visible.' }),
    ]);
    const codes = results.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort();
    assert.deepEqual(codes, ['CONFLICT', 'OK']);
    const winner = results.find((r) => !r.errors)!.data.decideVideo;
    assert.equal(winner.reviewDecisions.length, 1);
    assert.equal((await h.call(reviewer1, QUEUE)).data.reviewQueue.totalCount, 0);
  });

  it('refuses a reviewer who performed the sacrifice their own verdict, with the reason, and records nothing', async () => {
    const s3 = newId();
    const both = person(Role.EXECUTOR, Role.REVIEWER);
    await h.allocate(s3, [donorA.id], both.id);
    const requested = await h.call(both, REQUEST, { s: s3 });
    const id = requested.data.requestVideoUpload.id;
    await services.recordUpload(h.subgraph.orm.em.fork(), id, { storageKey: `videos/${id}.mp4` });
    await services.recordVerdict(h.subgraph.orm.em.fork(), id, {
      outcome: 'FLAGGED',
      sceneCheck: CheckResult.PASS,
      nameCheck: CheckResult.MANUAL_REVIEW,
      evidence: { names: [] },
    });

    const own = await h.call(both, DECIDE, { v: id, d: 'APPROVE' });
    assert.equal(own.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    assert.match(own.errors![0]!.message, /performed this sacrifice/);
    const [row] = await h.subgraph.orm.em
      .getConnection()
      .execute(
        `select status, (select count(*) from review_decision d where d.video_id = v.id) as decisions from video v where v.id = ?`,
        [id],
      );
    assert.deepEqual({ status: row.status, decisions: Number(row.decisions) }, { status: 'FLAGGED', decisions: 0 });

    const other = await h.call(reviewer1, DECIDE, { v: id, d: 'APPROVE' });
    assert.equal(other.data.decideVideo.status, 'APPROVED', 'another reviewer decides it');
  });
});
