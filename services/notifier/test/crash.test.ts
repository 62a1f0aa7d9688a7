import { Subject } from '@qurbani/events';
import { newId, sealContact } from '@qurbani/kit';
import { dropDatabases, endPool, eventually, testRun, testStream } from '@qurbani/kit/testing';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { smtpServer } from '../src/testing/index.js';

const MAIN = fileURLToPath(new URL('../src/index.js', import.meta.url));
const run = testRun('notifier');
let child: ChildProcess | null = null;
let killed: Promise<unknown> | null = null;

/** The notifier as a process, configured through its environment as `npm start` would. */
function startProcess(smtpUrl: string): ChildProcess {
  const c = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      NOTIFIER_PORT: '0',
      NOTIFIER_DB: run.dbName,
      DATABASE_URL_BASE: run.baseUrl,
      NATS_URL: run.natsUrl,
      NATS_STREAM: run.streamName,
      NATS_SUBJECT_PREFIX: run.subjectPrefix,
      NOTIFY_SEAL_KEY: run.notifySealKey,
      SMTP_URL: smtpUrl,
      NOTIFIER_CONCURRENCY: '4',
      NOTIFIER_LEASE_MS: '2000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return c;
}

after(async () => {
  child?.kill('SIGKILL');
  await dropDatabases(run.baseUrl, [run.dbName]);
});

test('killing the notifier mid-batch still ends with every e-mail sent exactly once', async () => {
  const KILL_AT = 6;
  const { default: pg } = await import('pg');
  const db = new pg.Pool({ connectionString: `${run.baseUrl}/${run.dbName}`, max: 1 });
  const recordedSent = async () =>
    Number((await db.query(`select count(*) as n from send where state = 'SENT'`)).rows[0].n);
  // The mail server holds its answer to the 7th mail and every later one. Once the six before it are
  // taken and recorded SENT, the notifier is killed (SIGKILL): every held mail was in flight, never
  // taken. (A kill between a server's "250" and the notifier's commit would send that one again: see
  // the graph contract, "Exactly once, precisely".)
  let release = () => undefined as void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const smtp = await smtpServer({
    hold: async (index) => {
      if (index < KILL_AT) return;
      if (index === KILL_AT && child) {
        await eventually(async () => smtp.mails.length === KILL_AT && (await recordedSent()) === KILL_AT, 20_000, 20);
        const dying = child;
        killed = once(dying, 'exit');
        dying.kill('SIGKILL');
        await killed;
        // Let the server see the dead client's sockets close before it answers the held mails, as a
        // server that had not answered before the client vanished would.
        await new Promise((r) => setTimeout(r, 500));
        release();
      }
      await gate;
    },
  });
  const stream = await testStream(run);
  try {
    child = startProcess(smtp.url);
    const recipients = Array.from({ length: 24 }, (_, i) => `donor${i}@donor.test`);
    // The stream is made by the notifier on start: wait for it before publishing.
    await eventually(
      async () => (await stream.nats.jsm.streams.info(run.streamName).catch(() => null)) !== null,
      20_000,
      100,
    );
    for (const email of recipients)
      await stream.publish(Subject.NotificationDispatch, {
        eventId: newId(),
        recipient: { kind: 'ACCOUNT', id: newId() },
        kind: 'ORDER_PAID',
        language: 'en',
        params: {},
        channels: ['EMAIL'],
        sealed: sealContact(run.notifySealKey, { email }),
      });
    await eventually(async () => killed !== null, 30_000, 50);
    await killed;
    const before = smtp.mails.length;
    assert.ok(before < recipients.length, 'killed mid-batch');
    child = startProcess(smtp.url);
    await eventually(async () => smtp.mails.length >= recipients.length, 60_000, 100);
    // Longer than a lease: a send counted twice would show up now.
    await new Promise((r) => setTimeout(r, 2500));
    const twice = smtp.mails.filter((m, i) => smtp.mails.findIndex((o) => o.to === m.to) !== i).map((m) => m.to);
    const rows = twice.length
      ? (await db.query(`select idempotency_key, state, attempts, detail from send order by created_at`)).rows
      : [];
    assert.equal(smtp.mails.length, recipients.length, JSON.stringify({ twice, killedAfter: before, rows }));
    assert.deepEqual(smtp.mails.map((m) => m.to).sort(), [...recipients].sort());
  } finally {
    child?.kill('SIGTERM');
    if (child) await once(child, 'exit');
    child = null;
    await stream.close();
    await smtp.close();
    await endPool(db);
  }
});
