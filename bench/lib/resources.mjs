// Everything one bench run owns outside its processes: databases, a JetStream stream, Redis keys.
// Named after the run, so a bench never touches the system `npm start` runs or another bench.
import { connectNats } from '@qurbani/events';
import { dropDatabases } from '@qurbani/kit/testing';
import { Redis } from 'ioredis';
import pg from 'pg';
import { randomBytes } from 'node:crypto';

const SUBGRAPHS = ['identity', 'donor', 'sacrifice', 'video', 'delivery', 'skin'];

export function runSettings() {
  const run = `b${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const streamName = `QURBANI_BENCH_${run.toUpperCase()}`;
  return {
    run,
    baseUrl: process.env.DATABASE_URL_BASE ?? 'postgresql://postgres@127.0.0.1:5432',
    natsUrl: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    dbNames: Object.fromEntries(SUBGRAPHS.map((name) => [name, `qurbani_${name}_bench_${run}`])),
    streamName,
    subjectPrefix: streamName.toLowerCase(),
    redisPrefix: `bench:${run}:`,
    secrets: {
      internalSecret: `internal-${run}-0123456789abcdef0123456789`,
      accessTokenSecret: `access-${run}-0123456789abcdef0123456789`,
      piiKey: `pii-${run}-0123456789abcdef0123456789abcd`,
      notifySealKey: `seal-${run}-0123456789abcdef0123456789abcd`,
    },
  };
}

async function deleteRedisKeys(redisUrl, prefix) {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/**
 * Statistics for the run's tables once its data is in, as autovacuum keeps them in a running system.
 * Without them the planner guesses from table sizes, and its plans change in the middle of a run
 * whenever autovacuum gets to a table.
 */
export async function analyzeDatabases(settings) {
  for (const name of Object.values(settings.dbNames)) {
    const client = new pg.Client({ connectionString: `${settings.baseUrl}/${name}` });
    await client.connect();
    try {
      await client.query('analyze');
    } finally {
      await client.end();
    }
  }
}

/** Removes what the run created; each step runs even when another fails. */
export async function teardown(settings) {
  const steps = [
    () => dropDatabases(settings.baseUrl, Object.values(settings.dbNames)),
    async () => {
      const nats = await connectNats(settings.natsUrl);
      await nats.jsm.streams.delete(settings.streamName).catch(() => undefined);
      await nats.close();
    },
    () => deleteRedisKeys(settings.redisUrl, settings.redisPrefix),
  ];
  const results = await Promise.allSettled(steps.map((step) => step()));
  for (const r of results) if (r.status === 'rejected') console.error(`teardown: ${r.reason?.message ?? r.reason}`);
}
