import { newId } from '@qurbani/kit';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makeSpokenClip } from '../src/testing/index.js';
import { startHarness, type Harness } from './harness.js';

// Names and voice measured to pass here (espeak-ng en-us); the model's README has the rates.
describe('the orchestrator checks the names said in a proof video', () => {
  let h: Harness;
  let clips: string;
  let aisha: string;
  let benali: string;

  before(async () => {
    clips = mkdtempSync(join(tmpdir(), 'orchestrator-clips-'));
    aisha = makeSpokenClip(join(clips, 'aisha.mp4'), ['Aisha Rahman']);
    benali = makeSpokenClip(join(clips, 'benali.mp4'), ['Karim Benali']);
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
    rmSync(clips, { recursive: true, force: true });
  });

  it('passes the name check when the right name is said, and flags the video while no scene model is configured', async () => {
    const sacrificeId = await h.sacrifice(['Aisha Rahman'], newId());
    const videoId = await h.upload(sacrificeId, aisha);
    const verdict = await h.verdict(videoId);
    assert.equal(verdict.checks.names.status, 'pass', JSON.stringify(verdict.checks.names.evidence));
    assert.equal(verdict.checks.scene.status, 'unavailable');
    assert.equal(verdict.outcome, 'FLAGGED');
    assert.equal(verdict.sacrificeId, sacrificeId);
    assert.match(verdict.model, /^qurbani-model \d/);
    assert.match(verdict.checks.names.version, /pocketsphinx/);
    const [published] = (await h.published('video.processed-final')).filter((e) => e.videoId === videoId);
    assert.deepEqual(published, verdict);
  });

  it('never passes a different name than the one said', async () => {
    const sacrificeId = await h.sacrifice(['Bilal Ahmed'], newId());
    const verdict = await h.verdict(await h.upload(sacrificeId, aisha));
    assert.ok(['fail_suspected', 'manual_review'].includes(verdict.checks.names.status), verdict.checks.names.status);
    assert.equal(verdict.outcome, 'FLAGGED');
  });

  it('does not auto-pass a name when a name one phoneme apart is expected at the same site that day', async () => {
    const siteId = newId();
    await h.sacrifice(['Karim Bennani'], siteId);
    // Another site's names, and the same site's names of another day, are not the day's names.
    await h.sacrifice(['Omar Haddad'], newId());
    await h.sacrifice(['Hamza Qureshi'], siteId, new Date('2026-05-29T06:00:00Z'));
    const sacrificeId = await h.sacrifice(['Karim Benali'], siteId);
    const verdict = await h.verdict(await h.upload(sacrificeId, benali));
    assert.equal(verdict.checks.names.status, 'manual_review');
    const perName = verdict.checks.names.evidence.perName as {
      name: string;
      evidence: { confusableWith?: { name: string }[] };
    }[];
    assert.deepEqual(
      perName[0]!.evidence.confusableWith?.map((c) => c.name),
      ['Karim Bennani'],
    );
    assert.equal(verdict.checks.names.evidence.dayNamesSent, 1);
  });

  it('flags an upload the model cannot use with the reason, rather than inventing a result', async () => {
    const sacrificeId = await h.sacrifice(['Yusuf Ibrahim'], newId());
    const text = join(clips, 'notes.mp4');
    (await import('node:fs')).writeFileSync(text, 'this is not a video\n'.repeat(100));
    const verdict = await h.verdict(await h.upload(sacrificeId, text));
    assert.equal(verdict.outcome, 'FLAGGED');
    assert.equal(verdict.checks.names.status, 'unavailable');
    assert.equal(verdict.checks.scene.status, 'unavailable');
    assert.equal(verdict.checks.names.evidence.error, 'not_a_video');
  });
});
