// Messages per second through the notifier to a real SMTP server and a real SMPP server, and the delay from
// the `notification.dispatch` event to the provider receiving the message; against the same messages sent
// straight to the same servers (nodemailer pool + one SMPP session, no database, no bus) in the same command.
// Usage (after `npm run build`): npm run bench:notify [-- --events 1000 --rate 100 --concurrency 8]
// Needs PostgreSQL and NATS (as `npm start`).
import { connectNats, Subject } from '@qurbani/events';
import { newId, sealContact } from '@qurbani/kit';
import { dropDatabases, testRunId } from '@qurbani/kit/testing';
import { startNotifier } from '@qurbani/notifier';
import { smppServer, smtpServer } from '@qurbani/notifier/testing';
import nodemailer from 'nodemailer';
import smpp from 'smpp';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '8' },
  },
});
const EVENTS = Number(args.events);
const CONCURRENCY = Number(args.concurrency);
const baseUrl = process.env.DATABASE_URL_BASE ?? 'postgresql://postgres@127.0.0.1:5432';
const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const sealKey = 'bench-notify-seal-key-0123456789abcdef0123456789';
const PASSWORD = 'bench';
const pct = (xs, p) => xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
const ms = (x) => `${x.toFixed(1)} ms`;

const received = new Map(); // address -> time the provider had it
const smtp = await smtpServer({ hold: async () => undefined });
const sms = await smppServer({ password: PASSWORD });
// Time of arrival per address: the servers' lists grow in arrival order; poll them cheaply.
let seenMail = 0;
let seenSms = 0;
const watcher = setInterval(() => {
  const now = performance.now();
  for (; seenMail < smtp.mails.length; seenMail++) received.set(smtp.mails[seenMail].to, now);
  for (; seenSms < sms.messages.length; seenSms++) received.set(sms.messages[seenSms].to, now);
}, 1);

async function throughNotifier(label, rate) {
  const run = testRunId();
  const streamName = `QURBANI_BENCH_${run.toUpperCase()}`;
  const subjectPrefix = streamName.toLowerCase();
  const dbName = `qurbani_notifier_${run}`;
  const notifier = await startNotifier({
    port: 0,
    baseUrl,
    dbName,
    natsUrl,
    streamName,
    subjectPrefix,
    sealKey,
    email: { url: smtp.url, from: 'Bench <bench@qurbani.test>', perSecond: 100_000, maxConnections: 4 },
    sms: {
      kind: 'smpp',
      perSecond: 100_000,
      smpp: { url: sms.url, systemId: 'bench', password: PASSWORD, sourceAddr: 'Qurbani' },
    },
    retry: { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 5000 },
    concurrency: CONCURRENCY,
    leaseMs: 60_000,
    pollMs: 200,
    smsSegmentBudget: 3,
    logger: { info() {}, warn() {}, error: (m, c) => console.error(m, c) },
  });
  const nats = await connectNats(natsUrl);
  const sent = new Map();
  const start = performance.now();
  for (let i = 0; i < EVENTS; i++) {
    if (rate) {
      const due = start + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    const email = `${label}-${run}-${i}@bench.test`;
    const phone = `+4477${String(Date.now() % 1e5).padStart(5, '0')}${String(i).padStart(5, '0')}`;
    const t = performance.now();
    sent.set(email, t);
    sent.set(phone, t);
    await nats.js.publish(
      `${subjectPrefix}.${Subject.NotificationDispatch}`,
      JSON.stringify({
        eventId: newId(),
        recipient: { kind: 'ACCOUNT', id: newId() },
        kind: 'ORDER_PAID',
        language: i % 2 ? 'ar' : 'fr',
        params: {},
        channels: ['EMAIL', 'SMS'],
        sealed: sealContact(sealKey, { email, phone }),
      }),
      { msgID: newId() },
    );
  }
  while ([...sent.keys()].some((k) => !received.has(k))) await new Promise((r) => setTimeout(r, 20));
  const elapsed = performance.now() - start;
  const delays = { mail: [], sms: [] };
  for (const [k, t] of sent) delays[k.includes('@') ? 'mail' : 'sms'].push(received.get(k) - t);
  const stats = await notifier.stats();
  await notifier.close();
  await nats.jsm.streams.delete(streamName).catch(() => undefined);
  await nats.close();
  await dropDatabases(baseUrl, [dbName]);
  return { elapsed, delays, messages: sent.size, stats };
}

async function direct() {
  const transport = nodemailer.createTransport(smtp.url, { pool: true, maxConnections: 4 });
  const session = smpp.connect({ url: sms.url });
  await new Promise((resolve, reject) =>
    session.bind_transceiver({ system_id: 'bench', password: PASSWORD }, (pdu) =>
      pdu.command_status ? reject(new Error('bind')) : resolve(),
    ),
  );
  const start = performance.now();
  let next = 0;
  const one = async () => {
    for (let i = next++; i < EVENTS; i = next++) {
      await transport.sendMail({
        from: 'bench@qurbani.test',
        to: `direct-${i}@bench.test`,
        subject: 'x',
        text: 'Paiement reçu pour votre commande.',
      });
      await new Promise((r) =>
        session.submit_sm(
          {
            destination_addr: `4478${String(i).padStart(8, '0')}`,
            message_payload: 'Paiement reçu pour votre commande.',
          },
          r,
        ),
      );
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, one));
  const elapsed = performance.now() - start;
  transport.close();
  await new Promise((r) => session.close(r));
  return { elapsed, messages: EVENTS * 2 };
}

const burst = await throughNotifier('burst', 0);
const peer = await direct();
const paced = await throughNotifier('paced', Number(args.rate));
clearInterval(watcher);
await smtp.close();
await sms.close();

const rate = (r) => (r.messages / r.elapsed) * 1000;
console.log(`\n${EVENTS} events x (e-mail + SMS), concurrency ${CONCURRENCY}, 2 shared cores`);
console.log(
  `notifier, all at once : ${rate(burst).toFixed(0)} messages/s (${(burst.elapsed / 1000).toFixed(1)} s); retries ${burst.stats.worker.retried}, lost leases ${burst.stats.worker.lostLeases}`,
);
console.log(`direct, same servers  : ${rate(peer).toFixed(0)} messages/s (${(peer.elapsed / 1000).toFixed(1)} s)`);
console.log(`ratio notifier/direct : ${(rate(burst) / rate(peer)).toFixed(2)}`);
for (const [name, r] of [
  ['all at once', burst],
  [`${args.rate} events/s`, paced],
])
  for (const ch of ['mail', 'sms'])
    console.log(
      `event -> ${ch.padEnd(4)} (${name.padEnd(13)}): p50 ${ms(pct(r.delays[ch], 50))}  p95 ${ms(pct(r.delays[ch], 95))}  p99 ${ms(pct(r.delays[ch], 99))}  max ${ms(pct(r.delays[ch], 100))}`,
    );
process.exit(0);
