import { newId } from '@qurbani/kit';
import { startTestS3, type TestS3 } from '@qurbani/storage/testing';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makeSpokenClip } from '../src/testing/index.js';
import { startHarness, type Harness } from './harness.js';

// With media in a bucket the model service shares no disk with anyone: it is handed a presigned URL
// and may fetch only below the bucket's URL.
describe('the orchestrator with media in S3-compatible object storage', () => {
  let s3: TestS3;
  let h: Harness;
  let clips: string;

  before(async () => {
    s3 = await startTestS3(['media']);
    clips = mkdtempSync(join(tmpdir(), 'orchestrator-clips-'));
    h = await startHarness(
      { storage: { ...s3.settings, MEDIA_ROOT: 's3://media/hot' } },
      { MODEL_ALLOWED_DIRS: '', MODEL_ALLOWED_URL_PREFIXES: `${s3.settings.S3_ENDPOINT}/media/hot/` },
    );
  });
  after(async () => {
    await h?.close();
    await s3?.close();
    rmSync(clips, { recursive: true, force: true });
  });

  it('has the model service read the original by presigned URL and check the names in it', async () => {
    const sacrificeId = await h.sacrifice(['Aisha Rahman'], newId());
    const videoId = await h.upload(sacrificeId, makeSpokenClip(join(clips, 'aisha.mp4'), ['Aisha Rahman']));
    const verdict = await h.verdict(videoId);
    assert.equal(verdict.checks.names.status, 'pass', JSON.stringify(verdict.checks.names.evidence));
    assert.equal(verdict.videoId, videoId);
  });
});
