import { newId, Role } from '@qurbani/kit';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CheckResult, VideoService, VideoStatus } from '../src/app.js';
import { person, startHarness, type Harness } from './support.js';

const VIDEO = `query($id: ID!) { video(id: $id) { id status attempt sacrificeId sacrifice { id } evidence storageKey flaggedReason } }`;
const REQUEST = `mutation($s: ID!) { requestVideoUpload(sacrificeId: $s) { id status attempt createdAt } }`;
const TASKS = `query($first: Int, $after: String) { myVideoTasks(first: $first, after: $after) {
  edges { cursor node { id sacrifice { id } video { status attempt } } } pageInfo { hasNextPage endCursor } } }`;

describe('proof videos of a sacrifice', () => {
  const now = new Date('2026-05-27T06:30:00Z');
  const services = new VideoService(() => now);
  const [donorA, donorB] = [person(Role.DONOR), person(Role.DONOR)];
  const [butcher, otherButcher] = [person(Role.EXECUTOR), person(Role.EXECUTOR)];
  const reviewer = person(Role.REVIEWER);
  const [s1, s2, s3] = [newId(), newId(), newId()].sort();
  let h: Harness;
  let firstVideoId: string;

  before(async () => {
    h = await startHarness(() => now);
    await h.allocate(s1!, [donorA.id], butcher.id);
    await h.allocate(s2!, [donorA.id, donorB.id], butcher.id);
    await h.allocate(s3!, [donorB.id], otherButcher.id);
  });
  after(() => h.close());

  it('shows an executor the sacrifices assigned to them, a page at a time', async () => {
    const page1 = await h.call(butcher, TASKS, { first: 1 });
    assert.equal(page1.errors, undefined);
    assert.deepEqual(
      page1.data.myVideoTasks.edges.map((e: any) => e.node.id),
      [s1],
    );
    assert.equal(page1.data.myVideoTasks.pageInfo.hasNextPage, true);
    const page2 = await h.call(butcher, TASKS, { first: 5, after: page1.data.myVideoTasks.pageInfo.endCursor });
    assert.deepEqual(
      page2.data.myVideoTasks.edges.map((e: any) => e.node.sacrifice.id),
      [s2],
    );
    const other = await h.call(otherButcher, TASKS);
    assert.deepEqual(
      other.data.myVideoTasks.edges.map((e: any) => e.node.id),
      [s3],
    );
    assert.equal((await h.call(donorA, TASKS)).errors?.[0]?.extensions?.code, 'FORBIDDEN');
  });

  it('lets only the assigned executor open an upload', async () => {
    const res = await h.call(butcher, REQUEST, { s: s1 });
    assert.equal(res.errors, undefined);
    assert.equal(res.data.requestVideoUpload.status, VideoStatus.AWAITING_UPLOAD);
    assert.equal(res.data.requestVideoUpload.attempt, 1);
    assert.equal(res.data.requestVideoUpload.createdAt, now.toISOString());
    firstVideoId = res.data.requestVideoUpload.id;
    assert.equal((await h.call(otherButcher, REQUEST, { s: s1 })).errors?.[0]?.extensions?.code, 'FORBIDDEN');
    assert.equal((await h.call(donorA, REQUEST, { s: s1 })).errors?.[0]?.extensions?.code, 'FORBIDDEN');
    assert.equal((await h.call(null, REQUEST, { s: s1 })).errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
  });

  it('refuses a second upload while one is awaited, and bad or unknown sacrifices', async () => {
    assert.equal((await h.call(butcher, REQUEST, { s: s1 })).errors?.[0]?.extensions?.code, 'CONFLICT');
    assert.equal((await h.call(butcher, REQUEST, { s: 'not-an-id' })).errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.equal((await h.call(butcher, REQUEST, { s: newId() })).errors?.[0]?.extensions?.code, 'NOT_FOUND');
  });

  it('shows a video to its donors, its executor and reviewers, and to nobody else', async () => {
    for (const viewer of [donorA, butcher, reviewer]) {
      const res = await h.call(viewer, VIDEO, { id: firstVideoId });
      assert.equal(res.errors, undefined);
      assert.deepEqual(res.data.video.sacrifice, { id: s1 });
    }
    for (const viewer of [donorB, otherButcher]) {
      assert.equal((await h.call(viewer, VIDEO, { id: firstVideoId })).errors?.[0]?.extensions?.code, 'NOT_FOUND');
    }
    assert.equal((await h.call(donorA, VIDEO, { id: '123' })).errors?.[0]?.extensions?.code, 'BAD_USER_INPUT');
    assert.equal((await h.call(donorA, VIDEO, { id: newId() })).errors?.[0]?.extensions?.code, 'NOT_FOUND');
  });

  it('stores the validated outcome the pipeline decided, and then drops the sacrifice from the tasks', async () => {
    const em = () => h.subgraph.orm.em.fork();
    await assert.rejects(
      services.recordVerdict(em(), firstVideoId, {
        outcome: 'VALIDATED',
        sceneCheck: CheckResult.PASS,
        nameCheck: CheckResult.PASS,
      }),
      /AWAITING_UPLOAD/,
    );
    await services.recordUpload(em(), firstVideoId, { storageKey: 'videos/1.mp4', durationSeconds: 42 });
    const video = await services.recordVerdict(em(), firstVideoId, {
      outcome: 'VALIDATED',
      sceneCheck: CheckResult.PASS,
      nameCheck: CheckResult.PASS,
      evidence: { frames: [3, 4] },
      modelVersion: 'm-1',
    });
    assert.equal(video.status, VideoStatus.VALIDATED);
    const tasks = await h.call(butcher, TASKS);
    assert.deepEqual(
      tasks.data.myVideoTasks.edges.map((e: any) => e.node.id),
      [s2],
    );
    assert.equal((await h.call(butcher, REQUEST, { s: s1 })).errors?.[0]?.extensions?.code, 'CONFLICT');
  });

  it('shows the evidence to reviewers only, and the unblurred original to staff only', async () => {
    const asReviewer = (await h.call(reviewer, VIDEO, { id: firstVideoId })).data.video;
    assert.deepEqual([asReviewer.evidence, asReviewer.storageKey], [{ frames: [3, 4] }, 'videos/1.mp4']);
    const asDonor = (await h.call(donorA, VIDEO, { id: firstVideoId })).data.video;
    assert.deepEqual([asDonor.evidence, asDonor.storageKey], [null, null]);
    const asExecutor = (await h.call(butcher, VIDEO, { id: firstVideoId })).data.video;
    assert.deepEqual([asExecutor.evidence, asExecutor.storageKey], [null, 'videos/1.mp4']);
  });

  it("never lets a donor reach another donor's video through an entity reference", async () => {
    const q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Video { id } } }`;
    const r = [{ __typename: 'Video', id: firstVideoId }];
    assert.deepEqual((await h.call(donorA, q, { r })).data._entities, [{ id: firstVideoId }]);
    assert.deepEqual((await h.call(donorB, q, { r })).data._entities, [null]);
  });
});
