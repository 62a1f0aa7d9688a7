import assert from 'node:assert/strict';
import { test } from 'node:test';
import { natsServerOptions } from '../src/nats-url.js';

test('NATS_URL credentials become user and password, never part of the server address', () => {
  assert.deepEqual(natsServerOptions('nats://127.0.0.1:4222'), { servers: ['nats://127.0.0.1:4222'] });
  assert.deepEqual(natsServerOptions('nats://video-worker:p%40ss%3Aw0rd@nats:4222'), {
    servers: ['nats://nats:4222'],
    user: 'video-worker',
    pass: 'p@ss:w0rd',
    inboxPrefix: '_INBOX_video-worker',
  });
  assert.deepEqual(natsServerOptions('nats://donor:secret@a:4222, nats://b:4222,tls://donor:secret@c:4223'), {
    servers: ['nats://a:4222', 'nats://b:4222', 'tls://c:4223'],
    user: 'donor',
    pass: 'secret',
    inboxPrefix: '_INBOX_donor',
  });
  assert.deepEqual(natsServerOptions('gateway:secret@nats:4222'), {
    servers: ['nats://nats:4222'],
    user: 'gateway',
    pass: 'secret',
    inboxPrefix: '_INBOX_gateway',
  });
});
