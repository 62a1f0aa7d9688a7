import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EntityManager } from '@mikro-orm/postgresql';
import { decodeCursor, encodeCursor, findPage, newId } from '../src/index.js';

/** An entity manager that records what it was asked and answers from a sorted list. */
function fakeEm(ids: string[]) {
  const finds: { where: any; options: any }[] = [];
  const counts: any[] = [];
  const em = {
    async find(_entity: unknown, where: any, options: any) {
      finds.push({ where, options });
      const after = where.$and?.[1]?.id;
      const desc = options.orderBy.id === 'desc';
      const sorted = [...ids].sort();
      if (desc) sorted.reverse();
      const rest = after ? sorted.filter((id) => (after.$gt ? id > after.$gt : id < after.$lt)) : sorted;
      return rest.slice(0, options.limit).map((id) => ({ id }));
    },
    async count(_entity: unknown, where: any) {
      counts.push(where);
      return ids.length;
    },
  };
  return { em: em as unknown as EntityManager, finds, counts };
}

class Row {
  id!: string;
  siteId?: string;
  status?: string;
}

describe('findPage (keyset paging on id)', () => {
  const ids = Array.from({ length: 5 }, () => newId());

  it("asks for one row more than the page, oldest first, and keeps the caller's filter as is", async () => {
    const { em, finds, counts } = fakeEm(ids);
    const page = await findPage(em, Row, { siteId: 's1' }, { first: 2 });
    assert.deepEqual(finds, [{ where: { siteId: 's1' }, options: { orderBy: { id: 'asc' }, limit: 3 } }]);
    assert.equal(counts.length, 0, 'no count unless asked');
    assert.deepEqual(
      page.edges.map((e) => e.node.id),
      ids.slice(0, 2),
    );
    assert.equal(page.pageInfo.hasNextPage, true);
    assert.equal(page.totalCount, null);
  });

  it('resumes strictly after the cursor, combined with the filter (never instead of it)', async () => {
    const { em, finds } = fakeEm(ids);
    const page = await findPage(em, Row, { siteId: 's1' }, { first: 2, after: encodeCursor(ids[1]!) });
    assert.deepEqual(finds[0]!.where, { $and: [{ siteId: 's1' }, { id: { $gt: ids[1] } }] });
    assert.deepEqual(
      page.edges.map((e) => e.node.id),
      ids.slice(2, 4),
    );
  });

  it('newest first walks down the ids', async () => {
    const { em, finds } = fakeEm(ids);
    const first = await findPage(em, Row, {}, { first: 3 }, { newestFirst: true });
    assert.deepEqual(
      first.edges.map((e) => e.node.id),
      [...ids].reverse().slice(0, 3),
    );
    const second = await findPage(em, Row, {}, { first: 3, after: first.pageInfo.endCursor! }, { newestFirst: true });
    assert.deepEqual(finds[1], {
      where: { $and: [{}, { id: { $lt: decodeCursor(first.pageInfo.endCursor!) } }] },
      options: { orderBy: { id: 'desc' }, limit: 4 },
    });
    assert.deepEqual(
      second.edges.map((e) => e.node.id),
      [ids[1], ids[0]],
    );
    assert.equal(second.pageInfo.hasNextPage, false);
  });

  it("counts the filter's rows, not only those after the cursor, when a total is asked for", async () => {
    const { em, counts } = fakeEm(ids);
    const page = await findPage(em, Row, { status: 'FLAGGED' }, { after: encodeCursor(ids[0]!) }, { withTotal: true });
    assert.deepEqual(counts, [{ status: 'FLAGGED' }]);
    assert.equal(page.totalCount, 5);
  });

  it('refuses a bad cursor before any query', async () => {
    const { em, finds } = fakeEm(ids);
    await assert.rejects(findPage(em, Row, {}, { after: 'garbage' }), /after is not a valid cursor/);
    assert.equal(finds.length, 0);
  });
});
