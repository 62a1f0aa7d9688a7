import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { MikroORM } from '@mikro-orm/postgresql';
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { encodeCursor, findPage, newId } from '../src/index.js';
import { dropTestOrm, openTestOrm } from './test-orm.js';

@Entity({ tableName: 'row' })
class Row {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  siteId!: string;

  @Property({ type: 'text' })
  status!: string;
}

describe('findPage (keyset paging on id, real PostgreSQL)', () => {
  // Five rows of site s1 (ids ascending as created) and one of another site, which no s1 page may show.
  const ids = Array.from({ length: 5 }, () => newId());
  const otherSite = newId();
  let orm: MikroORM;
  let statements: string[];
  const selects = () => statements.filter((sql) => /select/i.test(sql));

  before(async () => {
    orm = await openTestOrm('paging', [Row], {
      debug: ['query'],
      logger: (message) => statements?.push(message),
    });
    const em = orm.em.fork();
    ids.forEach((id) => em.create(Row, { id, siteId: 's1', status: 'FLAGGED' }));
    em.create(Row, { id: otherSite, siteId: 's2', status: 'FLAGGED' });
    await em.flush();
  });

  beforeEach(() => {
    statements = [];
  });

  after(() => dropTestOrm(orm));

  it("gives the first page oldest first within the caller's filter, and no count unless asked", async () => {
    const page = await findPage(orm.em.fork(), Row, { siteId: 's1' }, { first: 2 });
    assert.deepEqual(
      page.edges.map((e) => e.node.id),
      ids.slice(0, 2),
    );
    assert.equal(page.pageInfo.hasNextPage, true);
    assert.equal(page.totalCount, null);
    assert.equal(selects().length, 1, 'one query: the page and one row more');
    assert.match(selects()[0]!, /3 results/);
  });

  it('resumes strictly after the cursor, combined with the filter (never instead of it)', async () => {
    const page = await findPage(orm.em.fork(), Row, { siteId: 's1' }, { first: 10, after: encodeCursor(ids[1]!) });
    assert.deepEqual(
      page.edges.map((e) => e.node.id),
      ids.slice(2),
    );
    assert.equal(page.pageInfo.hasNextPage, false);
  });

  it('newest first walks down the ids', async () => {
    const first = await findPage(orm.em.fork(), Row, { siteId: 's1' }, { first: 3 }, { newestFirst: true });
    assert.deepEqual(
      first.edges.map((e) => e.node.id),
      [...ids].reverse().slice(0, 3),
    );
    const second = await findPage(
      orm.em.fork(),
      Row,
      { siteId: 's1' },
      { first: 3, after: first.pageInfo.endCursor! },
      { newestFirst: true },
    );
    assert.deepEqual(
      second.edges.map((e) => e.node.id),
      [ids[1], ids[0]],
    );
    assert.equal(second.pageInfo.hasNextPage, false);
  });

  it("counts the filter's rows, not only those after the cursor, when a total is asked for", async () => {
    const page = await findPage(
      orm.em.fork(),
      Row,
      { siteId: 's1' },
      { after: encodeCursor(ids[0]!) },
      { withTotal: true },
    );
    assert.equal(page.edges.length, 4);
    assert.equal(page.totalCount, 5);
  });

  it('gives rows that are not managed: a page is read, never written through', async () => {
    const em = orm.em.fork();
    await findPage(em, Row, { siteId: 's1' }, { first: 2 });
    assert.equal(em.getUnitOfWork().getIdentityMap().values().length, 0);
  });

  it('refuses a bad cursor before any query', async () => {
    await assert.rejects(findPage(orm.em.fork(), Row, {}, { after: 'garbage' }), /after is not a valid cursor/);
    assert.equal(selects().length, 0);
  });
});
