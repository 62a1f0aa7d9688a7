import { eventually } from '@qurbani/kit/testing';
import {
  ClaimReviewDocument,
  DecideVideoDocument,
  ReleaseReviewDocument,
  ReviewerStatsDocument,
  ReviewWorkAddedDocument,
  StartProofVideoDocument,
} from '@qurbani/sdk';
import { CheckResult, VideoService } from '@qurbani/video';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { liveClient, record, settle, startReplica } from './support/live.js';
import { createStaff, type Actor } from './support/season.js';
import { startSystem, type System } from './support/system.js';
import { allocatedOrder, trackingWorld, type TrackingWorld } from './support/tracking.js';

const LEASE_SECONDS = 120;
const code = (error: unknown): string | undefined =>
  (error as { extensions?: { code?: string } })?.extensions?.code ??
  (Array.isArray(error) ? code(error[0]) : undefined);

describe('the review queue for many reviewers: leases, no double work, new work announced', () => {
  let system: System;
  let world: TrackingWorld;
  let reviewers: Actor[];
  let replica: Awaited<ReturnType<typeof startReplica>>;
  const clients: ReturnType<typeof liveClient>[] = [];
  const live = (token: string) => {
    const client = liveClient(replica.url, { accessToken: token });
    clients.push(client);
    return client;
  };
  const videoIds: string[] = [];
  const claimed: Record<string, string> = {};

  before(async () => {
    system = await startSystem({ overrides: { video: { reviewLeaseSeconds: LEASE_SECONDS } } });
    replica = await startReplica(system);
    world = await trackingWorld(system);
    reviewers = [];
    for (const name of ['A', 'B', 'C', 'D'])
      reviewers.push(await createStaff(system, world.organizer, 'REVIEWER', name));
  });
  after(async () => {
    system.now.value = null;
    await Promise.all(clients.map((c) => c.dispose()));
    await replica?.close();
    await system?.close();
  });

  it('announces each newly flagged video to reviewers following the queue', async () => {
    const [a] = reviewers;
    const feed = record(live(a!.token), ReviewWorkAddedDocument, {});
    await settle(300);
    const videos = new VideoService();
    for (let i = 0; i < 3; i++) {
      const { sacrificeId } = await allocatedOrder(system, world);
      const videoId = (await eventually(() =>
        world.executor.client.execute(StartProofVideoDocument, { sacrificeId }).then((r) => r.data ?? undefined),
      ))!.requestVideoUpload.id;
      await videos.recordUpload(system.subgraphs.video!.orm.em.fork(), videoId, {
        storageKey: `videos/${videoId}.mp4`,
      });
      await videos.recordVerdict(system.subgraphs.video!.orm.em.fork(), videoId, {
        outcome: 'FLAGGED',
        sceneCheck: CheckResult.PASS,
        nameCheck: CheckResult.MANUAL_REVIEW,
        evidence: {},
      });
      videoIds.push(videoId);
    }
    const events = await feed.waitFor(3);
    assert.deepEqual(events.map((e) => e.reviewWorkAdded.id).sort(), [...videoIds].sort());
    assert.ok(events.every((e) => e.reviewWorkAdded.status === 'FLAGGED'));
    feed.stop();
    const donorFeed = record(live(world.driver.token), ReviewWorkAddedDocument, {});
    await donorFeed.ended();
    assert.equal(code(donorFeed.errors[0]), 'FORBIDDEN');
  });

  it('gives reviewers claiming at the same moment different videos, and renews a claim instead of a second one', async () => {
    const [a, b, c, d] = reviewers as [Actor, Actor, Actor, Actor];
    const results = await Promise.all([a, b, c].map((r) => r.client.request(ClaimReviewDocument, {})));
    const ids = results.map((r) => r.claimReview?.id);
    assert.equal(new Set(ids).size, 3, `three different videos: ${ids}`);
    assert.deepEqual([...ids].sort(), [...videoIds].sort());
    [a, b, c].forEach((r, i) => (claimed[r.id] = ids[i]!));
    assert.equal((await a.client.request(ClaimReviewDocument, {})).claimReview?.id, claimed[a.id], 'renewed');
    assert.equal((await d.client.request(ClaimReviewDocument, {})).claimReview, null, 'nothing left unclaimed');

    const stolen = await c.client.execute(DecideVideoDocument, { videoId: claimed[a.id]!, decision: 'APPROVE' });
    assert.equal(stolen.errors?.[0]?.extensions?.code, 'CONFLICT');
    const done = await b.client.request(DecideVideoDocument, { videoId: claimed[b.id]!, decision: 'APPROVE' });
    assert.equal(done.decideVideo.status, 'APPROVED');
  });

  it('returns a dropped claim to the queue once its lease runs out, and a released one at once', async () => {
    const [a, , c, d] = reviewers as [Actor, Actor, Actor, Actor];
    // C releases: the video is free at once.
    await c.client.request(ReleaseReviewDocument, { videoId: claimed[c.id]! });
    assert.equal((await d.client.request(ClaimReviewDocument, {})).claimReview?.id, claimed[c.id]);
    // A walks away: nobody else gets A's video while the lease runs...
    const other = await createStaff(system, world.organizer, 'REVIEWER', 'E');
    assert.equal((await other.client.request(ClaimReviewDocument, {})).claimReview, null);
    // D finishes C's video, so A's is the only one whose lease can run out below (D's would too).
    await d.client.request(DecideVideoDocument, { videoId: claimed[c.id]!, decision: 'APPROVE' });
    // ...and once it has run out, the next reviewer does, and A can no longer decide it.
    system.now.value = new Date(Date.now() + (LEASE_SECONDS + 5) * 1000);
    const taken = await other.client.request(ClaimReviewDocument, {});
    assert.equal(taken.claimReview?.id, claimed[a.id]);
    const late = await a.client.execute(DecideVideoDocument, { videoId: claimed[a.id]!, decision: 'APPROVE' });
    assert.equal(late.errors?.[0]?.extensions?.code, 'CONFLICT');
    system.now.value = null;
  });

  it('counts decisions and open claims per reviewer for organizers, a reviewer only their own', async () => {
    const [a, b] = reviewers as [Actor, Actor];
    const { reviewerStats } = await world.organizer.client.request(ReviewerStatsDocument, {});
    const ofB = reviewerStats.find((s) => s.reviewerId === b.id);
    assert.deepEqual(ofB, { reviewerId: b.id, approved: 1, rejected: 0, claimed: 0 });
    const own = await a.client.request(ReviewerStatsDocument, {});
    assert.ok(own.reviewerStats.every((s) => s.reviewerId === a.id));
    assert.equal(
      (await world.driver.client.execute(ReviewerStatsDocument, {})).errors?.[0]?.extensions?.code,
      'FORBIDDEN',
    );
  });
});
