import assert from 'node:assert/strict';
import { test } from 'node:test';
import { smppReceipt, twilioReceipt, whatsappReceipt } from './receipts.js';

test('provider receipts map to delivered, failed or unregistered; intermediate ones change nothing', () => {
  assert.equal(twilioReceipt('delivered', undefined), 'DELIVERED');
  assert.equal(twilioReceipt('undelivered', '30003'), 'FAILED');
  assert.equal(twilioReceipt('failed', '30005'), 'UNREGISTERED');
  assert.equal(twilioReceipt('sent', undefined), null);
  assert.equal(smppReceipt('DELIVRD'), 'DELIVERED');
  assert.equal(smppReceipt('EXPIRED'), 'FAILED');
  assert.equal(smppReceipt('ENROUTE'), null);
  assert.equal(whatsappReceipt('read'), 'DELIVERED');
  assert.equal(whatsappReceipt('failed'), 'FAILED');
  assert.equal(whatsappReceipt('sent'), null);
});
