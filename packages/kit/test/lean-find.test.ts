import { Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { raw, type Opt } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { leanFind } from '../src/index.js';
import { RequestContext } from '../src/request-context.js';
import { dropTestOrm, openTestOrm } from './test-orm.js';

enum Colour {
  RED = 'RED',
  GREEN = 'GREEN',
}

@Entity({ tableName: 'pen' })
class Pen {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  label!: string;
}

@Entity({ tableName: 'sheep' })
class Sheep {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Pen, { fieldName: 'pen_id' })
  pen!: Pen;

  @ManyToOne(() => Pen, { mapToPk: true, fieldName: 'born_in_id', nullable: true })
  bornInId: string | null = null;

  @Property({ type: 'text' })
  tag!: string;

  @Property({ type: 'text[]' })
  ownerIds!: string[];

  @Property({ type: 'smallint' })
  shares: Opt<number> = 1;

  @Property({ type: 'decimal', precision: 6, scale: 2, nullable: true })
  weightKg: string | null = null;

  @Property({ type: 'double', nullable: true })
  score: number | null = null;

  @Property({ type: 'boolean' })
  healthy: Opt<boolean> = true;

  @Property({ type: 'timestamptz', nullable: true })
  seenAt: Date | null = null;

  @Property({ type: 'jsonb', nullable: true })
  notes: { text: string; tags: string[] } | null = null;

  @Enum({ items: () => Colour, type: 'text' })
  colour: Opt<Colour> = Colour.RED;

  get penId(): Opt<string> {
    return this.pen.id;
  }
}

const PEN = '00000000-0000-4000-8000-000000000001';
const OTHER_PEN = '00000000-0000-4000-8000-000000000002';
const ids = [1, 2, 3].map((n) => `10000000-0000-4000-8000-00000000000${n}`);

describe('leanFind: rows without hydration, equal to what em.find gives (real PostgreSQL)', () => {
  let orm: MikroORM;

  before(async () => {
    orm = await openTestOrm('lean', [Pen, Sheep]);
    const em = orm.em.fork();
    const pen = em.create(Pen, { id: PEN, label: 'north' });
    em.create(Pen, { id: OTHER_PEN, label: 'south' });
    em.create(Sheep, {
      id: ids[0]!,
      pen,
      bornInId: OTHER_PEN,
      tag: 'S-1',
      ownerIds: ['donor-a', 'donor-b'],
      shares: 1,
      weightKg: '41.50',
      score: 0.75,
      healthy: false,
      seenAt: new Date('2026-05-27T05:00:00.123Z'),
      notes: { text: 'calm', tags: ['fed'] },
      colour: Colour.GREEN,
    });
    em.create(Sheep, { id: ids[1]!, pen, tag: 'S-2', ownerIds: ['donor-a'] });
    em.create(Sheep, { id: ids[2]!, pen, tag: 'S-3', ownerIds: ['donor-c'] });
    await em.flush();
  });

  after(() => dropTestOrm(orm));

  it('gives every field the value and type em.find gives, relations as stubs with their key', async () => {
    const where = { id: { $in: ids } };
    const hydrated = await orm.em.fork().find(Sheep, where, { orderBy: { id: 'asc' } });
    const lean = await leanFind(orm.em.fork(), Sheep, where, { orderBy: { id: 'asc' } });
    assert.equal(lean.length, 3);
    const fields = [
      'id',
      'bornInId',
      'tag',
      'ownerIds',
      'shares',
      'weightKg',
      'score',
      'healthy',
      'seenAt',
      'notes',
      'colour',
    ] as const;
    lean.forEach((row, i) => {
      for (const field of fields) assert.deepStrictEqual(row[field], hydrated[i]![field], `${field} of row ${i}`);
      assert.ok(row instanceof Sheep, 'a lean row has the entity prototype');
      assert.ok(row.pen instanceof Pen);
      assert.equal(row.penId, PEN, "the entity's getters work through the relation stub");
    });
    assert.ok(lean[0]!.seenAt instanceof Date);
  });

  it('reads only the fields asked for (and the key), and refuses to answer for a column it did not read', async () => {
    const em = orm.em.fork();
    const [row] = await leanFind(em, Sheep, { id: ids[0]! }, { fields: ['tag', 'pen'] });
    assert.equal(row!.id, ids[0]);
    assert.equal(row!.tag, 'S-1');
    assert.equal(row!.penId, PEN, 'a relation asked for is its key stub');
    assert.throws(() => row!.notes, /Sheep\.notes was not read/);
    assert.throws(() => row!.seenAt, /Sheep\.seenAt was not read/);
    assert.deepEqual(Object.keys(row!).sort(), ['id', 'pen', 'tag']);
  });

  it('reads every column when a field is not one it can read alone (a getter, an unknown name)', async () => {
    const em = orm.em.fork();
    for (const fields of [
      ['tag', 'penId'],
      ['tag', 'nothing'],
    ]) {
      const [row] = await leanFind(em, Sheep, { id: ids[0]! }, { fields });
      assert.deepEqual(row!.notes, { text: 'calm', tags: ['fed'] }, fields.join());
    }
  });

  it('puts nothing in the identity map and never flushes a change made to a lean row', async () => {
    const em = orm.em.fork();
    const [row] = await leanFind(em, Sheep, { id: ids[1]! });
    assert.equal(em.getUnitOfWork().getIdentityMap().values().length, 0);
    row!.tag = 'changed';
    await em.flush();
    const stored = await orm.em.fork().findOneOrFail(Sheep, ids[1]!);
    assert.equal(stored.tag, 'S-2');
  });

  it('applies raw policy fragments, order and limit like em.find', async () => {
    const owned = (donor: string) => ({ [raw((a) => `${a}.owner_ids @> array[?]::text[]`, [donor])]: [] });
    const em = orm.em.fork();
    const mine = await leanFind(
      em,
      Sheep,
      { $and: [{ id: { $in: ids } }, owned('donor-a')] },
      { orderBy: { id: 'desc' }, limit: 1 },
    );
    assert.deepEqual(
      mine.map((s) => s.tag),
      ['S-2'],
    );
    assert.deepEqual(await leanFind(em, Sheep, owned('nobody')), []);
  });

  it("reads the request's own uncommitted writes inside its transaction", async () => {
    await orm.em
      .fork()
      .transactional(async (tx) => {
        tx.create(Pen, { id: '00000000-0000-4000-8000-000000000003', label: 'new' });
        await tx.flush();
        const pens = await leanFind(tx, Pen, { label: 'new' });
        assert.equal(pens.length, 1);
        throw Object.assign(new Error('roll back'), { rollback: true });
      })
      .catch((error: { rollback?: boolean }) => {
        if (!error.rollback) throw error;
      });
    assert.equal((await leanFind(orm.em.fork(), Pen, { label: 'new' })).length, 0);
  });

  it("reads through a request's context: no fork until the request needs one, then the fork and its transaction", async () => {
    const ctx = new RequestContext(orm, { viewer: null, clientIp: null, requestId: 'request-1' });
    assert.equal(ctx.reads, orm.em, 'lean reads need no fork of their own');
    assert.equal((await leanFind(ctx.reads, Sheep, { id: ids[2]! }))[0]!.tag, 'S-3');
    const em = ctx.em;
    assert.notEqual(em, orm.em);
    assert.equal(ctx.em, em, 'forked once');
    assert.equal(ctx.reads, em, 'then lean reads go through the fork');
    // Apollo Server clones a context with Object.assign onto its prototype.
    const clone = Object.assign(Object.create(Object.getPrototypeOf(ctx) as object) as object, ctx) as RequestContext;
    assert.equal(clone.em, em);
    await em.begin();
    try {
      await em.nativeUpdate(Sheep, { id: ids[2]! }, { tag: 'S-3, renamed' });
      assert.equal((await leanFind(ctx.reads, Sheep, { id: ids[2]! }))[0]!.tag, 'S-3, renamed');
      assert.equal((await leanFind(orm.em.fork(), Sheep, { id: ids[2]! }))[0]!.tag, 'S-3', 'not committed');
    } finally {
      await em.rollback();
    }
  });
});
