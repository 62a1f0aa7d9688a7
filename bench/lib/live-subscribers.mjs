// Child process of the live-positions bench: the subscribers' devices, apart from the phones so
// that neither's work delays the other's clock. Opens one graphql-ws connection per subscriber,
// each following one delivery; latency = arrival - the fix time the phone stamped (same machine clock).
import { QurbaniLive } from '@qurbani/sdk';
import { parse } from 'graphql';
import jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';

// The configuration (tokens of every delivery) is too big for the environment: it comes first by IPC.
const { gatewayUrl, deliveries, query, count, accessTokenSecret, fourth } = await new Promise((resolve) =>
  process.once('message', resolve),
);
const document = parse(query);
const now = () => performance.timeOrigin + performance.now();
const perSubscriber = new Array(count).fill(0);
let latencies = [];
let errors = 0;
let organizerToken;

function tokenFor(delivery, i) {
  // Of each delivery's subscribers, three are the donor's devices and the fourth the family's link (or an organizer).
  if (Math.floor(i / deliveries.length) % 4 === 3) {
    if (fourth === 'link') return { trackingToken: delivery.linkToken };
    organizerToken ??= jwt.sign({ sub: randomUUID(), roles: ['ORGANIZER'], sid: randomUUID() }, accessTokenSecret, {
      algorithm: 'HS256',
      audience: 'qurbani-api',
      issuer: 'qurbani-identity',
      expiresIn: 3600,
    });
    return { accessToken: organizerToken };
  }
  return {
    accessToken: jwt.sign({ sub: delivery.donorId, roles: ['DONOR'], sid: randomUUID() }, accessTokenSecret, {
      algorithm: 'HS256',
      audience: 'qurbani-api',
      issuer: 'qurbani-identity',
      expiresIn: 3600,
    }),
  };
}

const clients = [];
for (let i = 0; i < count; i++) {
  const delivery = deliveries[i % deliveries.length];
  const live = new QurbaniLive({ url: gatewayUrl, ...tokenFor(delivery, i), client: { lazyCloseTimeout: 0 } });
  clients.push(live);
  live.subscribe(
    document,
    { d: delivery.deliveryId },
    {
      next: (result) => {
        const at = now();
        const fixTime = result.data?.driverPosition?.fixTime;
        if (!fixTime || result.errors) {
          errors++;
          return;
        }
        perSubscriber[i]++;
        latencies.push(at - Date.parse(fixTime));
      },
      error: () => {
        errors++;
      },
      complete: () => undefined,
    },
  );
  // Devices connect a few at a time, not all in one burst.
  if (i % 50 === 49) await new Promise((r) => setTimeout(r, 100));
}

process.on('message', async (message) => {
  if (message === 'mark') {
    latencies = [];
    errors = 0;
    process.send({ marked: true });
  } else if (message === 'report') {
    process.send({ latencies, errors, silent: perSubscriber.filter((n) => n === 0).length, cpu: process.cpuUsage() });
  } else if (message === 'close') {
    await Promise.all(clients.map((c) => c.dispose()));
    process.exit(0);
  }
});
process.send({ ready: true });
