import { newId } from '@qurbani/kit';
import { eventually } from '@qurbani/kit/testing';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makeSpokenClip } from '../src/testing/index.js';
import { startHarness, type Harness } from './harness.js';

describe('the orchestrator when the model service or the orchestrator itself goes down', () => {
  let h: Harness;
  let clips: string;
  let clip: string;

  before(async () => {
    clips = mkdtempSync(join(tmpdir(), 'orchestrator-clips-'));
    clip = makeSpokenClip(join(clips, 'maryam.mp4'), ['Maryam Siddiqui']);
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
    rmSync(clips, { recursive: true, force: true });
  });

  it('keeps videos waiting while the model service is down and gives each one verdict once it is back', async () => {
    await h.model.kill();
    const site = newId();
    const videos: string[] = [];
    for (let i = 0; i < 3; i++) videos.push(await h.upload(await h.sacrifice(['Maryam Siddiqui'], site), clip));

    // The circuit opens and the work waits: no verdict is invented, nothing is dead-lettered.
    await eventually(async () => h.orchestrator.model.circuit === 'open', 20_000, 100);
    await new Promise((r) => setTimeout(r, 1500));
    const waiting = await h.rows<{ n: number }>(`select count(*)::int as n from analysis where status = 'PENDING'`);
    assert.equal(waiting[0]!.n, 3);
    assert.equal((await h.published('video.processed-final')).length, 0);

    // The orchestrator restarts meanwhile, too.
    await h.restart();
    await h.model.start();
    for (const videoId of videos) assert.equal((await h.verdict(videoId, 90_000)).checks.names.status, 'pass');
    const published = await h.published('video.processed-final');
    assert.deepEqual(published.map((e) => e.videoId).sort(), [...videos].sort());
    const dead = await h.rows<{ n: number }>('select count(*)::int as n from dead_letter');
    assert.equal(dead[0]!.n, 0);
  });

  it('takes over an analysis whose worker died mid-call once its lease lapses', async () => {
    const sacrificeId = await h.sacrifice(['Maryam Siddiqui'], newId());
    // A claimed analysis whose worker vanished: leased for 2 s, never renewed.
    const videoId = newId();
    await h.rows(
      `insert into analysis (video_id, sacrifice_id, storage_key, status, attempts, next_attempt_at, lease_until, lease_token, received_at)
       values ($1, $2, $3, 'PENDING', 1, now(), now() + interval '2 seconds', gen_random_uuid(), now())`,
      [videoId, sacrificeId, await h.store(videoId, clip)],
    );
    const verdict = await h.verdict(videoId, 30_000);
    assert.equal(verdict.videoId, videoId);
    const [row] = await h.rows<{ attempts: number }>('select attempts from analysis where video_id = $1', [videoId]);
    assert.ok(row!.attempts >= 2);
  });
});
