import { eventually } from '@qurbani/kit/testing';
import { makeSpokenClip } from '@qurbani/orchestrator/testing';
import {
  AssignByQuotaDocument,
  DecideVideoDocument,
  MyNotificationsDocument,
  MyOrdersTrackingDocument,
  RecordSacrificePerformedDocument,
  ResumableVideoUpload,
  SiteSacrificesDocument,
  StartProofVideoDocument,
  VideoVerdictDocument,
} from '@qurbani/sdk';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startPipeline } from './support/pipeline.js';
import {
  addAnimals,
  allocateAll,
  createSeasonAndSite,
  createStaff,
  placeOrder,
  registerDonor,
  SEASON_1447,
  signInOrganizer,
  type Actor,
} from './support/season.js';
import { startSystem, type System } from './support/system.js';
import { workAt } from './support/staff.js';

// Names espeak-ng says clearly enough to pass here; the last video says a name that is not expected.
const CASES = [
  { expected: 'Aisha Rahman', said: 'Aisha Rahman', outcome: 'VALIDATED' },
  { expected: 'Maryam Siddiqui', said: 'Maryam Siddiqui', outcome: 'VALIDATED' },
  { expected: 'Salma Begum', said: 'Salma Begum', outcome: 'VALIDATED' },
  { expected: 'Bilal Ahmed', said: 'Yusuf Ibrahim', outcome: 'FLAGGED' },
] as const;

describe('the proof-video pipeline survives crashes mid-batch', { timeout: 300_000 }, () => {
  let system: System;
  let pipeline: Awaited<ReturnType<typeof startPipeline>>;
  let clips: string;
  let organizer: Actor;
  let executor: Actor;
  let reviewer: Actor;
  const donors: Actor[] = [];
  const sacrificeOf = new Map<string, string>(); // expected name -> sacrifice id

  before(async () => {
    clips = mkdtempSync(join(tmpdir(), 'resilience-clips-'));
    CASES.forEach((c, i) => makeSpokenClip(join(clips, `${i}.mp4`), [c.said]));
    pipeline = await startPipeline();
    const natsUrl = pipeline.nats.url;
    system = await startSystem({
      overrides: {
        identity: { natsUrl },
        donor: { natsUrl },
        sacrifice: { natsUrl },
        delivery: { natsUrl },
        skin: { natsUrl },
        video: {
          natsUrl,
          media: {
            ...pipeline.media,
            ladder: [240],
            blurredLadder: [240],
            x264Preset: 'ultrafast',
            archiveIntervalMs: 0,
          },
        },
      },
    });
    await pipeline.connect(system.nats);

    organizer = await signInOrganizer(system);
    executor = await createStaff(system, organizer, 'EXECUTOR', 'Executor');
    reviewer = await createStaff(system, organizer, 'REVIEWER', 'Reviewer');
    const { seasonId, siteId } = await createSeasonAndSite(organizer, system);
    await addAnimals(organizer, siteId, 'SHEEP', CASES.length);
    for (const c of CASES) {
      const donor = await registerDonor(system, `Donor of ${c.expected}`);
      await placeOrder(donor, 'SHEEP', [c.expected]);
      donors.push(donor);
    }
    await allocateAll(system, organizer, seasonId, CASES.length);
    await workAt(system, organizer, siteId, executor.id, 'EXECUTOR');
    await organizer.client.request(AssignByQuotaDocument, { siteId, executorIds: [executor.id], quota: CASES.length });
    const { sacrifices } = await organizer.client.request(SiteSacrificesDocument, { siteId });
    for (const s of sacrifices.edges) sacrificeOf.set(s.node.namesToPronounce[0]!, s.node.id);
    // Recorded at the server's time: the system's clock is set inside the window for these calls.
    system.now.value = new Date(SEASON_1447.insideWindow);
    try {
      for (const sacrificeId of sacrificeOf.values())
        await executor.client.request(RecordSacrificePerformedDocument, { sacrificeId });
    } finally {
      system.now.value = null;
    }
  });
  after(async () => {
    await system?.close();
    await pipeline?.close();
    if (clips) rmSync(clips, { recursive: true, force: true });
  });

  /** The executor records the proof video of case i through the gateway's resumable upload. */
  async function upload(i: number): Promise<string> {
    const sacrificeId = sacrificeOf.get(CASES[i]!.expected)!;
    // The video subgraph learns the assignment from an event: retry until it has.
    const started = await eventually(
      () => executor.client.execute(StartProofVideoDocument, { sacrificeId }).then((r) => !r.errors && r.data),
      20_000,
      200,
    );
    const videoId = started!.requestVideoUpload.id;
    const bytes = readFileSync(join(clips, `${i}.mp4`));
    const tus = new ResumableVideoUpload({
      origin: system.gateway.url,
      accessToken: executor.token,
      videoId,
      contentType: 'video/mp4',
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    await tus.create();
    await tus.patch(0, bytes);
    return videoId;
  }

  const verdictOf = async (videoId: string) =>
    (await reviewer.client.request(VideoVerdictDocument, { id: videoId })).video;

  it('gives every video one verdict and tells each donor exactly once, with the orchestrator, the model service and NATS down in turn', async () => {
    const videos: string[] = [];
    videos.push(await upload(0), await upload(1));
    // Kill the orchestrator as soon as it is working on the batch.
    await eventually(
      async () => {
        const stats = await pipeline.orchestrator.stats().catch(() => null);
        return stats && stats.analyses.running + stats.analyses.done >= 1;
      },
      30_000,
      50,
    );
    await pipeline.orchestrator.kill();
    // Then the model service crashes, and the rest of the batch arrives meanwhile.
    await pipeline.model.kill();
    videos.push(await upload(2), await upload(3));
    await pipeline.orchestrator.start();
    // NATS goes away for everyone for a few seconds.
    assert.ok(
      pipeline.nats.connections >= 6,
      `the five subgraphs with events and the orchestrator talk to NATS through the proxy (${pipeline.nats.connections})`,
    );
    pipeline.nats.cut();
    await new Promise((r) => setTimeout(r, 4000));
    pipeline.nats.restore();
    await pipeline.model.start();

    const settled = await eventually(
      async () => {
        const all = await Promise.all(videos.map(verdictOf));
        return all.every((v) => v.status === 'VALIDATED' || v.status === 'FLAGGED') && all;
      },
      150_000,
      500,
    ).catch((error) => {
      throw new Error(`${error.message}\norchestrator: ${pipeline.orchestrator.log}`);
    });
    CASES.forEach((c, i) => {
      const v = settled[i]!;
      assert.equal(
        v.status,
        c.outcome,
        `${c.expected}: ${JSON.stringify({ scene: v.sceneCheck, name: v.nameCheck, reason: v.flaggedReason })}`,
      );
      // The right name passes the name check; a different name never does.
      if (c.outcome === 'VALIDATED') assert.deepEqual([v.sceneCheck, v.nameCheck], ['PASS', 'PASS']);
      else assert.ok(['FAIL_SUSPECTED', 'MANUAL_REVIEW'].includes(v.nameCheck!), String(v.nameCheck));
    });
    // The reviewer sees what the models heard, name by name.
    const evidence = settled[3]!.evidence as { names: { perName: { name: string; result: string }[] } };
    assert.equal(evidence.names.perName[0]!.name, 'Bilal Ahmed');

    // The reviewer approves the flagged one (the executor said another name: a person decides).
    const flagged = videos[3]!;
    const { decideVideo } = await reviewer.client.request(DecideVideoDocument, {
      videoId: flagged,
      decision: 'APPROVE',
    });
    assert.equal(decideVideo.status, 'APPROVED');

    // Every order is verified, and every donor was told once per outcome, no more.
    for (const donor of donors) {
      await eventually(
        async () => {
          const { myOrders } = await donor.client.request(MyOrdersTrackingDocument, {});
          return myOrders.edges.every((e) => e.node.status === 'VERIFIED');
        },
        30_000,
        300,
      );
    }
    await new Promise((r) => setTimeout(r, 2000)); // a duplicate would have arrived by now
    const proofNews = <E extends { node: { kind: string } }>(edges: E[]) =>
      edges.filter((e) => e.node.kind.startsWith('VIDEO_'));
    const expectedKinds = [
      ['VIDEO_VALIDATED'],
      ['VIDEO_VALIDATED'],
      ['VIDEO_VALIDATED'],
      ['VIDEO_APPROVED', 'VIDEO_UNDER_REVIEW'],
    ];
    for (const [i, donor] of donors.entries()) {
      const { myNotifications } = await eventually(
        async () => {
          const res = await donor.client.request(MyNotificationsDocument, { first: 50 });
          return proofNews(res.myNotifications.edges).length >= expectedKinds[i]!.length && res;
        },
        20_000,
        300,
      );
      // The feed also holds the order's own news (placed, allocated, performed): the proof's are checked here.
      const news = proofNews(myNotifications.edges);
      const kinds = news.map((e) => e.node.kind).sort();
      assert.deepEqual(kinds, expectedKinds[i], `donor of ${CASES[i]!.expected}`);
      for (const e of news) {
        assert.equal(e.node.params.find((p) => p.key === 'videoId')?.value, videos[i]);
        assert.deepEqual(
          e.node.deliveries.map((d) => [d.channel, d.status]),
          [['IN_APP', 'DELIVERED']],
        );
      }
    }
    const stats = await pipeline.orchestrator.stats();
    assert.equal(stats.analyses.done, CASES.length);
    assert.equal(stats.analyses.pending, 0);
  });
});
