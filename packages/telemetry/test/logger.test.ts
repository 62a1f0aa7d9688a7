import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scrubText, serializeError } from '../src/index.js';

test('error messages lose phones, e-mails and PINs before they reach a log', () => {
  const error = Object.assign(new Error('duplicate key (phone)=(+44 7700 900123) for amina@example.org, pin 482913'), {
    code: '23505',
    detail: 'Key (phone)=(+447700900123) already exists.',
  });
  const logged = serializeError(error) as Record<string, string>;
  assert.equal(logged.code, '23505');
  assert.equal(logged.type, 'Error');
  assert.ok(!JSON.stringify(logged).includes('7700'), JSON.stringify(logged));
  assert.ok(!JSON.stringify(logged).includes('amina@'), 'e-mail');
  assert.ok(!JSON.stringify(logged).includes('482913'), 'PIN');
  assert.ok(!('detail' in logged), "a database error's detail is never logged");
  assert.equal(scrubText('order 3 of 7 shares'), 'order 3 of 7 shares', 'small numbers stay');
});
