import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { raw } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createOrm, leanFind } from '../src/index.js';
import { testRunId } from '../src/testing/index.js';
import { leanSql, numberedParameters, type LeanQuery } from '../src/lean-sql.js';
import { nameStatement } from '../src/named-statements.js';
import { dropTestOrm, openTestOrm } from './test-orm.js';

enum Coat {
  BROWN = 'BROWN',
  WHITE = 'WHITE',
}

@Entity({ tableName: 'goat' })
class Goat {
  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  herd!: string;

  @Property({ type: 'text[]' })
  ownerIds!: string[];

  @Property({ type: 'smallint' })
  age!: number;

  @Enum({ items: () => Coat, array: true, type: 'text[]' })
  coats: Coat[] = [];
}

const owned = (donor: string) => ({ [raw((a) => `${a}.owner_ids @> array[?]::text[]`, [donor])]: [] });

describe('leanSql: one query build per shape of filter, the same query as the builder (real PostgreSQL)', () => {
  let orm: MikroORM;
  before(async () => {
    orm = await openTestOrm('lean_sql', [Goat]);
    const em = orm.em.fork();
    em.create(Goat, { id: 'g1', herd: 'north', ownerIds: ['d1'], age: 2, coats: [Coat.BROWN] });
    em.create(Goat, { id: 'g2', herd: 'north', ownerIds: ['d2', 'd1'], age: 3, coats: [Coat.BROWN, Coat.WHITE] });
    em.create(Goat, { id: 'g3', herd: 'south', ownerIds: ['d3'], age: 3, coats: [Coat.WHITE] });
    await em.flush();
  });
  after(() => dropTestOrm(orm));

  /** leanSql on Goat with the real query builder, counting how often it builds. */
  function counted(order: Record<string, 'asc' | 'desc'> = { id: 'asc' }) {
    const counter = { builds: 0 };
    const em = orm.em.fork();
    const build = (where: unknown): LeanQuery => {
      counter.builds++;
      return em
        .createQueryBuilder(Goat)
        .select('*')
        .where(where as object)
        .orderBy(order)
        .toQuery();
    };
    const meta = em.getMetadata().get(Goat);
    // The query alone: a cached one also carries its numbered text (see the named-statement test).
    const sql = (where: unknown, key = 'test') => {
      const { sql: text, params } = leanSql(meta, em.getPlatform(), where, key, build, false);
      return { sql: text, params };
    };
    const direct = (where: unknown) =>
      em
        .createQueryBuilder(Goat)
        .select('*')
        .where(where as object)
        .orderBy(order)
        .toQuery();
    return { counter, sql, direct };
  }

  it('builds a shape once, then fills other strings into the same query as the builder gives', () => {
    const { counter, sql, direct } = counted();
    const shape = (ids: string[], donor: string, herd: string) => ({
      $and: [{ id: { $in: ids } }, { $or: [{ herd }, { ownerIds: { $overlap: [donor, 'x'] } }] }, owned(donor)],
    });
    sql(shape(['a', 'b'], 'd1', 'north'));
    const builds = counter.builds;
    for (const [ids, donor, herd] of [
      [['g1', 'g2'], 'd2', 'south'],
      [['q"uote', 'com,ma'], "o'brien", '{brace}'],
    ] as const) {
      const where = shape([...ids], donor, herd);
      assert.deepEqual(sql(where), direct(where));
    }
    assert.equal(counter.builds, builds, 'no build for the same shape');
  });

  it('tells shapes apart by array length, literal values, operators, raw SQL and the caller key', () => {
    const { counter, sql, direct } = counted();
    const wheres = [
      { id: { $in: ['a'] } },
      { id: { $in: ['a', 'b'] } },
      { id: { $in: [] } },
      { age: 2 },
      { age: 3 },
      { age: null },
      { id: { $ne: 'a' } },
      { [raw((a) => `${a}.herd = ?`, ['north'])]: [] },
      { [raw((a) => `${a}.herd <> ?`, ['north'])]: [] },
    ];
    for (const where of wheres) assert.deepEqual(sql(where), direct(where), JSON.stringify(where));
    assert.equal(counter.builds, wheres.length, 'each shape built once, with markers');
    const before = counter.builds;
    sql({ age: 2 }, 'another order');
    assert.ok(counter.builds > before, 'a new caller key is a new shape');
  });

  it('builds every time for a filter without a shape or a builder that changes the strings', () => {
    const em = orm.em.fork();
    const meta = em.getMetadata().get(Goat);
    let builds = 0;
    const changed = (where: unknown): LeanQuery => {
      builds++;
      const value = (where as { herd: string }).herd;
      return { sql: 'select 1 where herd = ?', params: [`${value}!`] };
    };
    for (const herd of ['north', 'south']) {
      assert.deepEqual(leanSql(meta, em.getPlatform(), { herd }, 'changed', changed, false).params, [`${herd}!`]);
    }
    assert.equal(builds, 1 + 2, 'one build with markers, then the builder every time');
    const inSql = (where: unknown): LeanQuery => {
      builds++;
      return { sql: `select '${(where as { herd: string }).herd}'`, params: [] };
    };
    assert.equal(leanSql(meta, em.getPlatform(), { herd: 'a' }, 'in-sql', inSql, false).sql, "select 'a'");
    assert.equal(leanSql(meta, em.getPlatform(), { herd: 'b' }, 'in-sql', inSql, false).sql, "select 'b'");
    const entity = Object.assign(Object.create(Goat.prototype as object) as object, { id: 'g1' });
    builds = 0;
    leanSql(meta, em.getPlatform(), { id: entity }, 'entity', inSql, false);
    leanSql(meta, em.getPlatform(), { id: entity }, 'entity', inSql, false);
    assert.equal(builds, 2, 'an object that is not plain has no shape');
  });

  it('in check mode fails when a cached query differs from what the builder gives now', () => {
    const em = orm.em.fork();
    const meta = em.getMetadata().get(Goat);
    let table = 'goat';
    const drifting = (where: unknown): LeanQuery => ({
      sql: `select * from ${table} where id = ?`,
      params: [(where as { id: string }).id],
    });
    assert.equal(
      leanSql(meta, em.getPlatform(), { id: 'a' }, 'drift', drifting, true).sql,
      'select * from goat where id = ?',
    );
    table = 'sheep';
    assert.throws(() => leanSql(meta, em.getPlatform(), { id: 'b' }, 'drift', drifting, true), /differs/);
  });

  it('gives leanFind the rows of each call, not of the call that made the shape', async () => {
    const herdOf = async (herd: string, donor: string) =>
      (await leanFind(orm.em.fork(), Goat, { $and: [{ herd }, owned(donor)] }, { orderBy: { id: 'asc' } })).map(
        (g) => g.id,
      );
    assert.deepEqual(await herdOf('north', 'd1'), ['g1', 'g2']);
    assert.deepEqual(await herdOf('north', 'd2'), ['g2']);
    assert.deepEqual(await herdOf('south', 'd1'), []);
    assert.deepEqual(await herdOf('south', 'd3'), ['g3']);
  });

  it("reads a filter whose custom type refuses the shape's markers (an enum array) the slow way, every time", async () => {
    const coated = async (coat: string) =>
      (await leanFind(orm.em.fork(), Goat, { coats: { $contains: [coat] } } as never, { orderBy: { id: 'asc' } })).map(
        (g) => g.id,
      );
    assert.deepEqual(await coated(Coat.BROWN), ['g1', 'g2']);
    assert.deepEqual(await coated(Coat.WHITE), ['g2', 'g3']);
    await assert.rejects(coated('PURPLE'), /Invalid enum array items/, "the value's own error, not the marker's");
  });

  it('numbers the placeholders for PostgreSQL, outside quotes, and refuses texts where that is not certain', () => {
    assert.equal(
      numberedParameters(`select "a?" from t where x = ? and y in (?, ?) and z = 'it''s ?'`),
      `select "a?" from t where x = $1 and y in ($2, $3) and z = 'it''s ?'`,
    );
    assert.equal(numberedParameters(`select * from t where data \\? 'k'`), null, 'an escaped jsonb operator');
    assert.equal(numberedParameters(`select * from t where a ?? b`), null);
    assert.equal(numberedParameters(`select $1 from t where x = ?`), null);
    assert.equal(numberedParameters(`select 'open`), null, 'a quote that never closes');
  });

  it('runs a shape as a named statement on the connection, in the transaction, with the same rows', async () => {
    const herd = (em: typeof orm.em, name: string, donor: string) =>
      leanFind(em, Goat, { $and: [{ herd: name }, owned(donor)] }, { orderBy: { id: 'asc' }, limit: 5 });
    await orm.em.fork().transactional(async (em) => {
      assert.deepEqual(
        (await herd(em, 'north', 'd1')).map((g) => g.id),
        ['g1', 'g2'],
      );
      assert.deepEqual(
        (await herd(em, 'north', 'd2')).map((g) => g.id),
        ['g2'],
      );
      assert.deepEqual(
        (await herd(em, 'south', 'd1')).map((g) => g.id),
        [],
      );
      const prepared = (await em.execute(`select name, statement from pg_prepared_statements`)) as {
        name: string;
        statement: string;
      }[];
      // The shape of these three reads (another test's reads may have left theirs on this connection).
      const lean = prepared.filter((p) => p.name.startsWith('lean_') && /"goat".*limit \$3$/s.test(p.statement));
      assert.equal(lean.length, 1, JSON.stringify(prepared));
      assert.match(lean[0]!.statement, /"herd" = \$1 .*array\[\$2\]/s);
    });
  });

  it('sends values in the text, as before, with DATABASE_NAMED_STATEMENTS=off', async () => {
    const off = await createOrm({
      baseUrl: process.env.DATABASE_URL_BASE ?? 'postgresql://postgres@127.0.0.1:5432',
      dbName: `qurbani_kit_named_off_${testRunId()}`,
      entities: [Goat],
      migrations: [],
      namedStatements: false,
    });
    try {
      await off.schema.create();
      await off.em.fork().transactional(async (em) => {
        for (const herd of ['north', 'south']) await leanFind(em, Goat, { herd }, { limit: 5 });
        const prepared = (await em.execute(`select name from pg_prepared_statements`)) as { name: string }[];
        assert.deepEqual(prepared, []);
      });
    } finally {
      await dropTestOrm(off);
    }
  });

  it('stops naming statements past its bound', () => {
    assert.equal(nameStatement('select 1 where ? = ?', 0), false);
  });
});
