import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { Opt } from '@mikro-orm/core';
import { wrap, type MikroORM } from '@mikro-orm/postgresql';
import { Redis } from 'ioredis';
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { EntityCache, invalidateAfterCommit, invalidateOnCommit } from '../src/index.js';
import { deleteRedisKeys, testRunId } from '../src/testing/index.js';
import { dropTestOrm, openTestOrm } from './test-orm.js';

@Entity({ tableName: 'place' })
class Place {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'timestamptz' })
  openedAt: Opt<Date> = new Date('2026-05-26T04:00:00Z');
}

describe('the shared entity cache (real PostgreSQL and Redis)', () => {
  const run = testRunId();
  const prefix = `test:${run}:`;
  let orm: MikroORM;
  let redis: Redis;
  let cache: EntityCache<Place>;
  let loads: string[][];
  const counts = { hit: 0, miss: 0, error: 0 };
  const errors: unknown[] = [];

  const makeCache = (client: Redis) =>
    new EntityCache<Place>({
      redis: client,
      entity: 'Place',
      keyPrefix: prefix,
      dateFields: ['openedAt'],
      load: async (ids) => {
        loads.push([...ids]);
        const rows = await orm.em.fork().find(Place, { id: { $in: [...ids] } });
        return rows.map((p) => wrap(p).toObject() as Place);
      },
      idOf: (p) => p.id,
      metrics: { count: (_entity, outcome, n) => (counts[outcome] += n) },
      onError: (error) => errors.push(error),
    });

  /** A cache on the same keys whose loads read the rows at once, then hold them until `release`. */
  const heldCache = () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held = new EntityCache<Place>({
      redis,
      entity: 'Place',
      keyPrefix: prefix,
      load: async (ids) => {
        const rows = (await orm.em.fork().find(Place, { id: { $in: [...ids] } })).map(
          (p) => wrap(p).toObject() as Place,
        );
        await gate;
        return rows;
      },
      idOf: (p) => p.id,
    });
    return { cache: held, release };
  };

  before(async () => {
    orm = await openTestOrm('cache', [Place]);
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    cache = makeCache(redis);
    invalidateOnCommit(orm, Place, cache, (error) => errors.push(error));
  });
  after(async () => {
    await deleteRedisKeys(prefix);
    redis.disconnect();
    await dropTestOrm(orm);
  });
  beforeEach(async () => {
    loads = [];
    await orm.em.fork().nativeDelete(Place, {});
    await deleteRedisKeys(prefix);
    const em = orm.em.fork();
    em.create(Place, { id: 'a', name: 'Karachi site' });
    em.create(Place, { id: 'b', name: 'Dhaka site' });
    await em.flush();
  });

  it('reads a row from the database once, then from Redis, with its dates as dates', async () => {
    const first = await cache.getMany(['a', 'b', 'missing']);
    assert.deepEqual(
      first.map((p) => p?.name ?? null),
      ['Karachi site', 'Dhaka site', null],
    );
    const second = await cache.getMany(['b', 'a']);
    assert.deepEqual(loads, [['a', 'b', 'missing']]);
    assert.equal(second[0]!.name, 'Dhaka site');
    assert.ok(second[1]!.openedAt instanceof Date);
    assert.equal(second[1]!.openedAt.toISOString(), '2026-05-26T04:00:00.000Z');
  });

  it('serves the new row as soon as the change commits, in a transaction or a plain flush', async () => {
    await cache.getMany(['a', 'b']);
    await orm.em.fork().transactional(async (tx) => {
      (await tx.findOneOrFail(Place, 'a')).name = 'Karachi site (new pens)';
      // Before the commit, readers still get the committed row.
      assert.equal((await cache.getMany(['a']))[0]!.name, 'Karachi site');
    });
    assert.equal((await cache.getMany(['a']))[0]!.name, 'Karachi site (new pens)');

    const em = orm.em.fork();
    (await em.findOneOrFail(Place, 'b')).name = 'Dhaka site 2';
    await em.flush();
    assert.equal((await cache.getMany(['b']))[0]!.name, 'Dhaka site 2');

    // A nested transaction's change counts at the outer commit.
    await orm.em.fork().transactional(async (outer) => {
      await outer.transactional(async (inner) => {
        (await inner.findOneOrFail(Place, 'a')).name = 'nested';
      });
    });
    assert.equal((await cache.getMany(['a']))[0]!.name, 'nested');
  });

  it('invalidates rows written past the unit of work when told to, after the commit', async () => {
    await cache.getMany(['a']);
    await orm.em.fork().transactional(async (tx) => {
      await tx.nativeUpdate(Place, { id: 'a' }, { name: 'renamed by SQL' });
      await invalidateAfterCommit(tx, cache, ['a']);
    });
    assert.equal((await cache.getMany(['a']))[0]!.name, 'renamed by SQL');
  });

  it('keeps a rolled-back change out, and the cached row in', async () => {
    await cache.getMany(['a']);
    await orm.em
      .fork()
      .transactional(async (tx) => {
        (await tx.findOneOrFail(Place, 'a')).name = 'never';
        await tx.flush();
        throw new Error('refused');
      })
      .catch(() => undefined);
    loads = [];
    assert.equal((await cache.getMany(['a']))[0]!.name, 'Karachi site');
    assert.deepEqual(loads, [], 'still cached');
  });

  it('never stores a row a reader loaded before a write that committed meanwhile', async () => {
    // The write commits while this reader holds the old row.
    const { cache: slow, release } = heldCache();
    const reading = slow.getMany(['a']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const em = orm.em.fork();
    (await em.findOneOrFail(Place, 'a')).name = 'written meanwhile';
    await em.flush();
    release();
    assert.equal((await reading)[0]!.name, 'Karachi site', 'the reader itself saw the row of its moment');
    assert.equal((await cache.getMany(['a']))[0]!.name, 'written meanwhile', 'but did not cache it');
  });

  it('puts the committed row back after a write, unless a later write committed first', async () => {
    await cache.getMany(['a']);
    const em = orm.em.fork();
    (await em.findOneOrFail(Place, 'a')).name = 'refilled';
    await em.flush();
    loads = [];
    const hits = counts.hit;
    assert.equal((await cache.getMany(['a']))[0]!.name, 'refilled');
    assert.deepEqual(loads, [], 'the commit stored the new row: the next read is a hit');
    assert.equal(counts.hit, hits + 1);

    // A refill that loaded its row before a later write committed must not store it over that write's.
    const { cache: slow, release } = heldCache();
    const refilling = slow.invalidate(['a']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const later = orm.em.fork();
    (await later.findOneOrFail(Place, 'a')).name = 'written later';
    await later.flush();
    release();
    await refilling;
    assert.equal((await cache.getMany(['a']))[0]!.name, 'written later');
  });

  it('answers from the database when Redis is down, and says so', async () => {
    const down = new Redis('redis://127.0.0.1:1', {
      maxRetriesPerRequest: 0,
      lazyConnect: true,
      retryStrategy: () => null,
    });
    down.on('error', () => undefined);
    const before = counts.error;
    const rows = await makeCache(down).getMany(['a', 'b']);
    assert.deepEqual(
      rows.map((p) => p!.name),
      ['Karachi site', 'Dhaka site'],
    );
    assert.equal(counts.error - before, 2);
    assert.ok(errors.length > 0);
    down.disconnect();
  });
});
