import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from '@qurbani/messages';
import { fcmRequest } from './fcm.payload.js';

test("the FCM v1 body carries the text in the recipient's language, string-only ids, and a collapse key per send", () => {
  const rendered = render('VIDEO_VALIDATED', 'bn', {});
  const body = fcmRequest(
    'device-token',
    rendered,
    'VIDEO_VALIDATED',
    { videoId: 'v1', sacrificeId: 's1' },
    'e1:ACCOUNT:a1:PUSH:d1',
  );
  assert.equal(body.message.token, 'device-token');
  assert.equal(body.message.notification.title, 'কুরবানির খবর');
  assert.equal(body.message.notification.body, rendered.text);
  assert.deepEqual(body.message.data, { videoId: 'v1', sacrificeId: 's1', kind: 'VIDEO_VALIDATED', lang: 'bn' });
  for (const value of Object.values(body.message.data)) assert.equal(typeof value, 'string');
  assert.equal(body.message.android.notification.tag, 'e1ACCOUNTa1PUSHd1');
  assert.equal(body.message.apns.headers['apns-collapse-id'], 'e1ACCOUNTa1PUSHd1');
  assert.equal(body.message.android.priority, 'HIGH');
  assert.ok(!JSON.stringify(body).includes('undefined'));
});
