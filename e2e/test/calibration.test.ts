import { connectNats, type NatsHandles } from '@qurbani/events';
import { newId } from '@qurbani/kit';
import { eventually } from '@qurbani/kit/testing';
import {
  DecideVideoDocument,
  ReviewCalibrationDocument,
  StartProofVideoDocument,
  type ApiResult,
  type ReviewCalibrationQuery,
} from '@qurbani/sdk';
import { VideoService } from '@qurbani/video';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { parsePrometheusText, total } from './support/prometheus-text.js';
import { createStaff, type Actor } from './support/season.js';
import { ORGANIZER, startSystem, type System } from './support/system.js';
import { allocatedOrder, trackingWorld, type TrackingWorld } from './support/tracking.js';

const codeOf = (result: ApiResult<unknown>) => result.errors?.[0]?.extensions?.code;
type Figures = ReviewCalibrationQuery['reviewCalibration']['checks'][number];

/** A model service answer in its own format: the scene seen together, each name with its keyword score. */
const checks = (nameScores: [string, number][]) => ({
  scene: {
    status: 'pass',
    model: 'scene',
    version: '1',
    evidence: {
      frame: { minScore: 0.55, detections: {} },
      reason: 'person, animal and knife detected in the same frame',
    },
  },
  names: {
    status: 'manual_review',
    model: 'names',
    version: '1',
    evidence: {
      perName: nameScores.map(([name, score]) => ({ name, result: score > 2 ? 'pass' : 'manual_review', score })),
    },
  },
});

describe("calibration: reviewers' decisions teach the checks' figures", () => {
  let system: System;
  let world: TrackingWorld;
  let reviewer: Actor;
  let nats: NatsHandles;
  const videoIds: string[] = [];

  before(async () => {
    system = await startSystem();
    world = await trackingWorld(system);
    reviewer = await createStaff(system, world.organizer, 'REVIEWER', 'Reviewer R');
    nats = await connectNats(system.nats.url);
    const videos = new VideoService();
    const db = system.subgraphs.video!.orm.em.getConnection();
    const scores: [string, number][][] = [
      [['Amina Rahman', 1.8]],
      [['Amina Rahman', 1.6]],
      [['Amina Rahman', 1.2]],
      [['يوسف إبراهيم', 0.9]],
    ];
    for (const nameScores of scores) {
      const { sacrificeId } = await allocatedOrder(system, world);
      const videoId = (await eventually(() =>
        world.executor.client.execute(StartProofVideoDocument, { sacrificeId }).then((r) => r.data ?? undefined),
      ))!.requestVideoUpload.id;
      await videos.recordUpload(system.subgraphs.video!.orm.em.fork(), videoId, {
        storageKey: `videos/${videoId}.mp4`,
      });
      // The verdict arrives as the orchestrator sends it, so the consumer stores it and counts it.
      await nats.js.publish(
        `${system.nats.subjectPrefix}.video.processed-final`,
        JSON.stringify({
          videoId,
          sacrificeId,
          outcome: 'FLAGGED',
          checks: checks(nameScores),
          model: 'qurbani-model test',
          analyzedAt: new Date().toISOString(),
        }),
        { msgID: newId() },
      );
      videoIds.push(videoId);
    }
    await eventually(async () => {
      const [row] = await db.execute<{ n: number }[]>(
        `select count(*)::int as n from video v join sacrifice_access a on a.sacrifice_id = v.sacrifice_id
          where v.status = 'FLAGGED' and a.site_id is not null`,
      );
      return row!.n === videoIds.length;
    }, 20_000);
  });
  after(async () => {
    await nats?.close();
    await system?.close();
  });

  const report = async (minFailures = 1) =>
    (await world.organizer.client.request(ReviewCalibrationDocument, { minFailures })).reviewCalibration;
  const find = (checks: readonly Figures[], check: string, dimension: string, group: string) =>
    checks.find((c) => c.check === check && c.dimension === dimension && c.group === group);

  it('counts each verdict per site for the drift alert', async () => {
    const metrics = parsePrometheusText(
      await (await fetch(`${system.subgraphs.video!.url.replace(/\/graphql$/, '')}/metrics`)).text(),
    );
    assert.equal(total(metrics, 'proof_verdicts_total', { site: world.siteId, outcome: 'FLAGGED' }), videoIds.length);
  });

  it('a report with no decision yet has no labels; decisions change it, per check, site and script', async () => {
    const empty = await report();
    assert.equal(empty.decisions, 0);
    assert.equal(find(empty.checks, 'NAMES', 'ALL', 'all')?.labelled, 0);

    const [a, b, c, d] = videoIds;
    const decide = (
      videoId: string,
      decision: 'APPROVE' | 'REJECT',
      reason?: string,
      failedChecks?: ('SCENE' | 'NAMES')[],
    ) => reviewer.client.request(DecideVideoDocument, { videoId, decision, reason, failedChecks });
    await decide(a!, 'APPROVE');
    await decide(b!, 'APPROVE');
    const rejected = await decide(c!, 'REJECT', 'A different name was said', ['NAMES']);
    assert.deepEqual(rejected.decideVideo.reviewDecisions[0]?.failedChecks, ['NAMES']);
    await decide(d!, 'REJECT', 'Too dark to see anything');

    const figures = await report();
    assert.equal(figures.decisions, 4);
    const names = find(figures.checks, 'NAMES', 'ALL', 'all')!;
    assert.deepEqual(
      { labelled: names.labelled, unattributed: names.unattributed, ok: names.ok, bad: names.bad },
      { labelled: 3, unattributed: 1, ok: 2, bad: 1 },
    );
    assert.equal(names.recall, 0, 'the name check passed none of the videos reviewers found right');
    assert.equal(names.proposedThreshold, 1.21, 'just above the one wrong name it scored');
    assert.equal(names.recallAtProposal, 1, 'both approved names scored above it');
    const scene = find(figures.checks, 'SCENE', 'ALL', 'all')!;
    assert.deepEqual(
      { truePass: scene.truePass, falsePass: scene.falsePass, precision: scene.precision },
      {
        truePass: 3,
        falsePass: 0,
        precision: 1,
      },
    );
    assert.equal(find(figures.checks, 'NAMES', 'SITE', world.siteId)?.labelled, 3);
    assert.equal(find(figures.checks, 'NAMES', 'NAME_SCRIPT', 'ARABIC')?.unattributed, 1);
    assert.equal(find(figures.checks, 'NAMES', 'NAME_SCRIPT', 'LATIN')?.labelled, 3);
  });

  it('refuses checks named on an approval, and the report to anyone but organizers', async () => {
    const approval = await reviewer.client.execute(DecideVideoDocument, {
      videoId: videoIds[0]!,
      decision: 'APPROVE',
      failedChecks: ['SCENE'],
    });
    assert.equal(codeOf(approval), 'BAD_USER_INPUT');
    const byReviewer = await reviewer.client.execute(ReviewCalibrationDocument, {});
    assert.equal(codeOf(byReviewer), 'FORBIDDEN');
  });

  it('`npm run calibrate` prints the same figures from the running system', async () => {
    // Not spawnSync: the gateway it asks runs in this process.
    const run = await promisify(execFile)(process.execPath, ['scripts/calibrate.mjs', '--min-failures', '1'], {
      cwd: new URL('../../..', import.meta.url).pathname,
      env: {
        ...process.env,
        GATEWAY_URL: system.gateway.url,
        QURBANI_LOGIN: ORGANIZER.login,
        QURBANI_PASSWORD: ORGANIZER.password,
      },
      encoding: 'utf8',
    });
    assert.match(run.stdout, /Reviewer decisions from .* 4\n/);
    assert.match(run.stdout, /NAMES.*NAME_SCRIPT.*ARABIC/);
    assert.match(run.stdout, /NAMES: above all 1 scored failures/);
  });
});
