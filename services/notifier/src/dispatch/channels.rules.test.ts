import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fallbackAfter, firstChannels } from './channels.rules.js';

const phone = '+15550001';
const device = { id: 'd', kind: 'WEB' as const, token: '{}' };

test('a donor is sent on each channel they chose that has an address, never in-app here', () => {
  assert.deepEqual(firstChannels(['IN_APP', 'EMAIL', 'SMS'], { email: 'a@b.c', phone }, false), ['EMAIL', 'SMS']);
});

test('a chosen channel without an address is replaced by its fallback once', () => {
  assert.deepEqual(firstChannels(['PUSH'], { phone }, false), ['WHATSAPP']);
  assert.deepEqual(firstChannels(['PUSH', 'WHATSAPP'], { phone }, false), ['WHATSAPP']);
  assert.deepEqual(firstChannels(['EMAIL'], { phone }, false), []);
});

test('a family is told by SMS only, whatever else is asked', () => {
  assert.deepEqual(firstChannels(['EMAIL', 'PUSH', 'SMS'], { phone, email: 'x@y.z', pushDevices: [device] }, true), [
    'SMS',
  ]);
  assert.deepEqual(firstChannels(['SMS'], {}, true), []);
});

test('fallback goes push → WhatsApp → SMS, skipping channels already used or without an address', () => {
  assert.equal(fallbackAfter('PUSH', ['PUSH'], { phone }), 'WHATSAPP');
  assert.equal(fallbackAfter('PUSH', ['PUSH', 'WHATSAPP'], { phone }), 'SMS');
  assert.equal(fallbackAfter('WHATSAPP', ['WHATSAPP'], { phone }), 'SMS');
  assert.equal(fallbackAfter('SMS', ['SMS'], { phone }), null);
  assert.equal(fallbackAfter('EMAIL', ['EMAIL'], { phone }), null);
  assert.equal(fallbackAfter('PUSH', ['PUSH'], {}), null);
});
