import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  connectionFromArray,
  decodeCursor,
  encodeCursor,
  ErrorCode,
  newId,
  pageWindow,
  toConnection,
} from '../src/index.js';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { extensions?: { code?: string; field?: string } }).extensions;
  }
  return undefined;
};

describe('cursors and page windows', () => {
  it('a cursor is opaque and gives back the id it was made from', () => {
    const id = newId();
    const cursor = encodeCursor(id);
    assert.doesNotMatch(cursor, new RegExp(id));
    assert.equal(decodeCursor(cursor), id);
  });

  it('refuses a made-up cursor, or one that hides something other than an id, as BAD_USER_INPUT on `after`', () => {
    assert.deepEqual(
      codeOf(() => decodeCursor('not-a-cursor')),
      { code: ErrorCode.BadUserInput, field: 'after' },
    );
    assert.deepEqual(
      codeOf(() => decodeCursor(Buffer.from("c:1' or 1=1 --").toString('base64url'))),
      { code: ErrorCode.BadUserInput, field: 'after' },
    );
  });

  it('pages of 1 to 100 rows, 20 by default', () => {
    assert.equal(pageWindow({}).limit, 20);
    assert.equal(pageWindow({ first: 100 }).limit, 100);
    for (const first of [0, -1, 101, 2.5])
      assert.equal(codeOf(() => pageWindow({ first }))?.code, ErrorCode.BadUserInput, String(first));
  });

  it('one row past the page means a next page; the end cursor resumes after the last row shown', () => {
    const rows = [newId(), newId(), newId()].map((id) => ({ id }));
    const page = toConnection(rows, { first: 2 });
    assert.deepEqual(
      page.edges.map((e) => e.node),
      rows.slice(0, 2),
    );
    assert.equal(page.pageInfo.hasNextPage, true);
    assert.equal(page.pageInfo.hasPreviousPage, false);
    assert.equal(decodeCursor(page.pageInfo.endCursor!), rows[1]!.id);
    const last = toConnection(rows.slice(2), { first: 2, after: page.pageInfo.endCursor! });
    assert.equal(last.pageInfo.hasNextPage, false);
    assert.equal(last.pageInfo.hasPreviousPage, true);
  });

  it('an empty page has no cursors', () => {
    const page = toConnection([], {});
    assert.deepEqual(page.pageInfo, { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null });
  });

  it("pages an in-memory list after the cursor, with the whole list's total", () => {
    const items = Array.from({ length: 5 }, () => ({ id: newId() }));
    const first = connectionFromArray(items, { first: 2 });
    const second = connectionFromArray(items, { first: 2, after: first.pageInfo.endCursor! });
    assert.deepEqual(
      second.edges.map((e) => e.node.id),
      [items[2]!.id, items[3]!.id],
    );
    assert.equal(second.totalCount, 5);
    assert.equal(second.pageInfo.hasNextPage, true);
  });
});
