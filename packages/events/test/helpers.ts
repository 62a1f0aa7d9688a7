import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { MikroORM, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import type { Constructor } from '@mikro-orm/core';
import {
  connectNats,
  ensureStream,
  eventEntities,
  STREAM_SUBJECTS,
  type EventsLogger,
  type NatsHandles,
} from '../src/index.js';

export const PG_URL = process.env.PG_URL ?? 'postgresql://postgres@127.0.0.1:5432';
export const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

/** Random suffix so parallel test files and leftovers never collide. */
export const rand = () => `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

/** Logger that keeps messages for assertions instead of printing them. */
export function quietLogger(): EventsLogger & { lines: string[] } {
  const lines: string[] = [];
  const push = (message: string) => void lines.push(message);
  return { lines, info: push, warn: push, error: push };
}

/** A throwaway database with the event tables (plus any test entities). */
export async function createTestOrm(extra: Constructor[] = []): Promise<{ orm: MikroORM; dispose(): Promise<void> }> {
  const dbName = `qurbani_events_test_${rand()}`;
  const orm = await MikroORM.init({
    driver: PostgreSqlDriver,
    clientUrl: PG_URL,
    dbName,
    entities: [...eventEntities, ...extra],
    metadataProvider: ReflectMetadataProvider,
    pool: { min: 0, max: 10 },
    debug: false,
  });
  await orm.schema.ensureDatabase();
  await orm.schema.create();
  return {
    orm,
    async dispose() {
      await orm.close(true);
      const admin = await MikroORM.init({
        driver: PostgreSqlDriver,
        clientUrl: PG_URL,
        dbName: 'postgres',
        entities: [],
        metadataProvider: ReflectMetadataProvider,
        discovery: { warnWhenNoEntities: false },
      });
      try {
        await admin.em.getConnection().execute(`drop database if exists "${dbName}" with (force)`);
      } finally {
        await admin.close(true);
      }
    },
  };
}

/** A NATS connection plus a throwaway stream over the platform subjects, deleted on dispose. */
export async function createTestStream(
  duplicateWindowMs?: number,
): Promise<{ nats: NatsHandles; stream: string; prefix: string; dispose(): Promise<void> }> {
  const nats = await connectNats(NATS_URL);
  const stream = `QURBANI_TEST_${rand()}`;
  // Two streams may not share subjects: a prefix keeps parallel tests (ours and other packages') apart.
  const prefix = stream.toLowerCase();
  await ensureStream(nats.jsm, {
    name: stream,
    subjects: STREAM_SUBJECTS.map((s) => `${prefix}.${s}`),
    duplicateWindowMs,
  });
  return {
    nats,
    stream,
    prefix,
    async dispose() {
      await nats.jsm.streams.delete(stream).catch(() => undefined);
      await nats.close();
    },
  };
}

/** Polls until `check` returns a truthy value, failing after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false | null | 0>,
  timeoutMs = 8000,
  everyMs = 25,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(everyMs);
  }
}
