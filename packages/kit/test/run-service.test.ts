import type { RunningConsumer } from '@qurbani/events';
import { connectNats, eventEntities } from '@qurbani/events';
import { buildSchema } from 'graphql';
import assert from 'node:assert/strict';
import net, { type AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { runService, startSubgraph, type ServiceContext } from '../src/index.js';
import { dropDatabases, testRunId } from '../src/testing/index.js';

const baseUrl = 'postgresql://postgres@127.0.0.1:5432';
const natsUrl = 'nats://127.0.0.1:4222';
const run = testRunId();
const streamName = `KIT_TEST_${run}`;
const messaging = { natsUrl, streamName, subjectPrefix: streamName.toLowerCase(), relay: false };
const databases: string[] = [];

function database() {
  const dbName = `kit_run_service_${run}_${databases.length}`;
  databases.push(dbName);
  // Real entities (MikroORM wants some); nothing here reads or writes their tables.
  return { baseUrl, dbName, entities: [...eventEntities], migrations: [] };
}

/** A consumer that records when it starts and stops (the bus itself is real). */
const recordingConsumer = (log: string[], name: string) => async (): Promise<RunningConsumer> => {
  log.push(`start ${name}`);
  return {
    stop: async () => {
      log.push(`stop ${name}`);
    },
  };
};

after(async () => {
  const nats = await connectNats(natsUrl);
  await nats.jsm.streams.delete(streamName).catch(() => undefined);
  await nats.close();
  await dropDatabases(baseUrl, databases);
});

describe('the kit starts and stops a service in order', () => {
  it('opens database, bus, parts, consumers; stops consumers before the parts, the bus and the database', async () => {
    const log: string[] = [];
    let context: ServiceContext | undefined;
    const service = await runService({
      name: 'kit-test',
      database: database(),
      messaging,
      async wire(ctx) {
        context = ctx;
        log.push(`wire (database up: ${await ctx.orm.isConnected()}, bus up: ${!ctx.messaging.nats.nc.isClosed()})`);
        ctx.life.defer('part', () => {
          log.push(`stop part (bus up: ${!ctx.messaging.nats.nc.isClosed()})`);
        });
        return { consumers: [recordingConsumer(log, 'a'), recordingConsumer(log, 'b')] };
      },
    });
    assert.deepEqual(log, ['wire (database up: true, bus up: true)', 'start a', 'start b']);
    await service.close();
    assert.deepEqual(log.slice(3).sort().slice(0, 2), ['stop a', 'stop b']);
    assert.equal(log[5], 'stop part (bus up: true)');
    assert.equal(context!.messaging.nats.nc.isClosed(), true);
    assert.equal(await service.orm.isConnected(), false);
  });

  it('a consumer that cannot start closes the parts, the bus and the database, and the start fails with its error', async () => {
    const log: string[] = [];
    let context: ServiceContext | undefined;
    const refused = new Error('durable refused');
    await assert.rejects(
      runService({
        name: 'kit-test',
        database: database(),
        messaging,
        wire(ctx) {
          context = ctx;
          ctx.life.defer('part', () => {
            log.push('stop part');
          });
          return {
            consumers: [
              recordingConsumer(log, 'a'),
              async () => {
                throw refused;
              },
            ],
          };
        },
      }),
      (error) => error === refused,
    );
    assert.deepEqual(log, ['start a', 'stop a', 'stop part']);
    assert.equal(context!.messaging.nats.nc.isClosed(), true);
    assert.equal(await context!.orm.isConnected(), false);
  });

  it('a subgraph whose port is taken releases its database, bus and parts', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    const log: string[] = [];
    let context: ServiceContext | undefined;
    try {
      await assert.rejects(
        startSubgraph(
          { ...database(), port, internalSecret: 'kit-test-internal-secret-0123456789abcdef' },
          {
            name: 'kit-test',
            entities: [...eventEntities],
            migrations: [],
            messaging,
            wire(ctx) {
              context = ctx;
              ctx.life.defer('part', () => {
                log.push('stop part');
              });
              return { schema: buildSchema('type Query { ok: Boolean }'), consumers: [recordingConsumer(log, 'a')] };
            },
          },
        ),
        /EADDRINUSE/,
      );
    } finally {
      blocker.close();
    }
    assert.deepEqual(log, ['start a', 'stop a', 'stop part']);
    assert.equal(context!.messaging.nats.nc.isClosed(), true);
    assert.equal(await context!.orm.isConnected(), false);
  });

  it('a running subgraph answers its readiness check, and after close its port is free and its database closed', async () => {
    const subgraph = await startSubgraph(
      { ...database(), port: 0, internalSecret: 'kit-test-internal-secret-0123456789abcdef' },
      {
        name: 'kit-test',
        entities: [...eventEntities],
        migrations: [],
        wire: () => ({ schema: buildSchema('type Query { ok: Boolean }') }),
      },
    );
    const ready = `${subgraph.url.replace(/\/graphql$/, '')}/health/ready`;
    assert.equal((await fetch(ready)).status, 200);
    await subgraph.close();
    await assert.rejects(fetch(ready));
    assert.equal(await subgraph.orm.isConnected(), false);
  });

  it('a service without a bus that declares consumers is refused, and its database closed', async () => {
    let context: ServiceContext | undefined;
    await assert.rejects(
      runService({
        name: 'kit-test',
        database: database(),
        wire: (ctx) => {
          context = ctx;
          return { consumers: [recordingConsumer([], 'a')] };
        },
      }),
      /declares consumers but no messaging/,
    );
    assert.equal(await context!.orm.isConnected(), false);
    assert.throws(() => context!.messaging, /declared without messaging/);
  });
});
