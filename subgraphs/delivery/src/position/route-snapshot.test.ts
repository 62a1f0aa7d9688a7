import type { EntityManager } from '@mikro-orm/postgresql';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DeliveryStatus } from '../delivery/delivery.entity.js';
import { RouteStatus } from '../route/route.entity.js';
import { RouteSnapshots, type ReadRoute } from './route-snapshot.js';

const requestEm = { name: 'request' } as unknown as EntityManager;
const forkedEm = { name: 'fork' } as unknown as EntityManager;

/** A database that answers when told to, and counts what it was asked. */
function database() {
  const reads: { em: EntityManager; routeId: string; answer: (stops: number) => void; fail: (e: Error) => void }[] = [];
  const read: ReadRoute = (em, routeId) =>
    new Promise((resolve, reject) =>
      reads.push({
        em,
        routeId,
        fail: reject,
        answer: (stops) =>
          resolve({
            routeId,
            driverId: 'driver',
            status: RouteStatus.ACTIVE,
            openStops: Array.from({ length: stops }, (_, i) => ({
              deliveryId: `d${i}`,
              status: DeliveryStatus.OUT_FOR_DELIVERY,
              location: null,
            })),
          }),
      }),
    );
  return { reads, read };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('route snapshots', () => {
  it('reads a route once for all the reports waiting on it, and again when its version changes', async () => {
    const db = database();
    const routes = new RouteSnapshots({ read: db.read, fork: () => forkedEm });
    const waiting = [routes.get(requestEm, 'r1', '1'), routes.get(requestEm, 'r1', '1')];
    await settle();
    assert.equal(db.reads.length, 1);
    db.reads[0]!.answer(2);
    const [a, b] = await Promise.all(waiting);
    assert.equal(a, b);
    assert.equal(a?.openStops.length, 2);

    assert.equal(await routes.get(requestEm, 'r1', '1'), a);
    const changed = routes.get(requestEm, 'r1', '2');
    await settle();
    assert.equal(db.reads.length, 2);
    assert.equal(db.reads[1]!.em, requestEm);
    db.reads[1]!.answer(1);
    assert.equal((await changed)?.openStops.length, 1);
  });

  it('serves an old snapshot at once and re-reads it behind the report, at ages spread over 45-75 s', async () => {
    const db = database();
    let now = 0;
    const randoms = [0, 1];
    const routes = new RouteSnapshots({
      read: db.read,
      fork: () => forkedEm,
      now: () => now,
      random: () => randoms.shift() ?? 0.5,
    });
    const first = routes.get(requestEm, 'early', '1');
    const second = routes.get(requestEm, 'late', '1');
    await settle();
    db.reads.forEach((r) => r.answer(1));
    const [early] = await Promise.all([first, second]);

    now = 44_999;
    await routes.get(requestEm, 'early', '1');
    assert.equal(db.reads.length, 2, 'nothing is re-read before 45 s');
    now = 45_000;
    assert.equal(await routes.get(requestEm, 'early', '1'), early, 'the report does not wait for the re-read');
    assert.equal(await routes.get(requestEm, 'late', '1'), (await second)!, 'the other route is not due yet');
    await routes.get(requestEm, 'early', '1');
    await settle();
    assert.equal(db.reads.length, 3, 'one re-read, however many reports come meanwhile');
    assert.deepEqual([db.reads[2]!.routeId, db.reads[2]!.em], ['early', forkedEm]);
    db.reads[2]!.answer(3);
    await settle();
    assert.equal((await routes.get(requestEm, 'early', '1'))?.openStops.length, 3);

    now = 75_000;
    await routes.get(requestEm, 'late', '1');
    await settle();
    assert.equal(db.reads.at(-1)!.routeId, 'late');
  });

  it('keeps the last snapshot when a re-read fails, and tries again a few seconds later', async () => {
    const db = database();
    let now = 0;
    const errors: unknown[] = [];
    const logged = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const routes = new RouteSnapshots({ read: db.read, fork: () => forkedEm, now: () => now, random: () => 0 });
      const loading = routes.get(requestEm, 'r1', '1');
      await settle();
      db.reads[0]!.answer(2);
      const snapshot = await loading;
      now = 50_000;
      assert.equal(await routes.get(requestEm, 'r1', '1'), snapshot);
      await settle();
      db.reads[1]!.fail(new Error('database down'));
      await settle();
      assert.equal(errors.length, 1);
      assert.equal(await routes.get(requestEm, 'r1', '1'), snapshot);
      assert.equal(db.reads.length, 2, 'no retry within 5 s');
      now = 55_000;
      await routes.get(requestEm, 'r1', '1');
      await settle();
      assert.equal(db.reads.length, 3);
    } finally {
      console.error = logged;
    }
  });

  it('forgets a route that is gone', async () => {
    const db = { read: (async () => null) as ReadRoute };
    const routes = new RouteSnapshots({ read: db.read, fork: () => forkedEm });
    assert.equal(await routes.get(requestEm, 'gone', '1'), null);
  });
});
