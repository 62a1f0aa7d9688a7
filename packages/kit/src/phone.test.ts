import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertPhone, normalisePhone } from './phone.js';

describe('phone numbers', () => {
  it('reads a number typed with spaces, dashes, dots or brackets as one E.164 number', () => {
    for (const typed of [
      '+212600000000',
      ' +212 600 000 000 ',
      '+212-600-000-000',
      '+212.600.000.000',
      '+212 (600) 000000',
    ]) {
      assert.equal(normalisePhone(typed), '+212600000000', typed);
    }
  });

  it('refuses a number without the international prefix, too short, too long or with letters', () => {
    for (const typed of [
      '0600000000',
      '+0600000000',
      '+12345',
      '+1234567890123456',
      '+21260000000a',
      '',
      'someone@example.org',
    ]) {
      assert.equal(normalisePhone(typed), null, typed);
    }
  });

  it('says what to type without echoing the number', () => {
    assert.throws(
      () => assertPhone('0612345678'),
      (e: any) =>
        e.extensions.code === 'BAD_USER_INPUT' && e.extensions.field === 'phone' && !e.message.includes('0612345678'),
    );
    assert.equal(assertPhone('+44 20 7946 0000', 'contact'), '+442079460000');
  });
});
