import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvField } from './csv-stream.js';

test('a CSV field is quoted only when it must be, and never starts a formula', () => {
  assert.equal(csvField('Amina'), 'Amina');
  assert.equal(csvField('a, "b"'), '"a, ""b"""');
  assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  assert.equal(csvField(null), '');
  assert.equal(csvField(new Date('2026-05-27T05:00:00Z')), '2026-05-27T05:00:00.000Z');
});
