import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHECK_STATUSES } from '@qurbani/events';
import type { AnalyzeResponse } from '../model/model.types.js';
import { proofOutcome, unusableVerdict, verdictFrom } from './proof-outcome.rules.js';

const service = { status: 'ok', service: 'qurbani-model', version: '0.1.0' };
const input = {
  videoId: 'v1',
  sacrificeId: 's1',
  expectedNames: ['Amina Khan', 'Yusuf Ibrahim'],
  confusableCount: 3,
  service,
  analyzedAt: new Date('2026-05-27T06:00:00Z'),
};
const check = (result: string) => ({ result, model: 'm', version: '1', evidence: {} }) as AnalyzeResponse['scene'];
const response = (scene: string, names: string, perName: [string, string][]): AnalyzeResponse => ({
  scene: check(scene),
  names: { ...check(names), perName: perName.map(([name, result]) => ({ name, result: result as 'pass' })) },
});

describe('the proof outcome published for a video', () => {
  it('validates only when both the scene and the names pass; every other pair goes to a reviewer', () => {
    for (const scene of CHECK_STATUSES) {
      for (const names of CHECK_STATUSES) {
        assert.equal(
          proofOutcome(scene, names),
          scene === 'pass' && names === 'pass' ? 'VALIDATED' : 'FLAGGED',
          `${scene}/${names}`,
        );
      }
    }
  });

  it('is VALIDATED only when the scene and every expected name pass', () => {
    const ok = verdictFrom(
      input,
      response('pass', 'pass', [
        ['Amina Khan', 'pass'],
        ['Yusuf Ibrahim', 'pass'],
      ]),
    );
    assert.equal(ok.outcome, 'VALIDATED');
    assert.equal(ok.model, 'qurbani-model 0.1.0');
    for (const [scene, names] of [
      ['unavailable', 'pass'],
      ['pass', 'manual_review'],
      ['fail_suspected', 'pass'],
      ['pass', 'unavailable'],
    ]) {
      assert.equal(
        verdictFrom(
          input,
          response(scene!, names!, [
            ['Amina Khan', 'pass'],
            ['Yusuf Ibrahim', 'pass'],
          ]),
        ).outcome,
        'FLAGGED',
        `${scene}/${names}`,
      );
    }
  });

  it('does not trust a name pass that skipped an expected name', () => {
    const v = verdictFrom(input, response('pass', 'pass', [['Amina Khan', 'pass']]));
    assert.equal(v.checks.names.status, 'manual_review');
    assert.equal(v.outcome, 'FLAGGED');
  });

  it('reads an unknown check result as unavailable, never as a pass', () => {
    const v = verdictFrom(
      input,
      response('maybe', 'pass', [
        ['Amina Khan', 'pass'],
        ['Yusuf Ibrahim', 'pass'],
      ]),
    );
    assert.equal(v.checks.scene.status, 'unavailable');
    assert.equal(v.outcome, 'FLAGGED');
  });

  it('flags an unusable upload with both checks unknown and the reason', () => {
    const v = unusableVerdict(
      { videoId: 'v1', sacrificeId: 's1', service, analyzedAt: new Date() },
      { code: 'no_audio_track', message: 'no audio' },
    );
    assert.equal(v.outcome, 'FLAGGED');
    assert.deepEqual([v.checks.scene.status, v.checks.names.status], ['unavailable', 'unavailable']);
    assert.equal(v.checks.names.evidence.error, 'no_audio_track');
  });
});
