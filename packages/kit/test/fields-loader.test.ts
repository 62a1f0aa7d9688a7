import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Loaders } from '../src/index.js';

/** A loader over fake rows that records each batch: its keys and the fields it read. */
function recorded() {
  const batches: { keys: string[]; fields: readonly string[] | undefined }[] = [];
  const loader = new Loaders().withFields<string, string>('Row.byId', async (keys, fields) => {
    batches.push({ keys: [...keys], fields });
    return keys.map((key) => `${key}:${fields?.join('+') ?? '*'}`);
  });
  return { loader, batches };
}

describe('Loaders.withFields: batches that read only the fields their loads ask for', () => {
  it('reads the fields of every load of one batch together, in one batch', async () => {
    const { loader, batches } = recorded();
    const rows = await Promise.all([loader.load('a', ['id', 'status']), loader.load('b', ['id', 'tag'])]);
    assert.deepEqual(batches, [{ keys: ['a', 'b'], fields: ['id', 'status', 'tag'] }]);
    assert.deepEqual(rows, ['a:id+status+tag', 'b:id+status+tag']);
  });

  it('serves a later load from the batch that read its fields, and reads again when it needs more', async () => {
    const { loader, batches } = recorded();
    await loader.load('a', ['id', 'status']);
    assert.equal(await loader.load('a', ['status']), 'a:id+status', 'covered: no second read');
    assert.equal(await loader.load('a', ['evidence']), 'a:evidence', 'not covered: read again');
    assert.equal(await loader.load('a'), 'a:*', 'every column');
    assert.equal(await loader.load('a', ['anything']), 'a:*', 'every column covers any field');
    assert.equal(batches.length, 3);
  });

  it('reads every column for a batch with a load that names no fields', async () => {
    const { loader, batches } = recorded();
    await Promise.all([loader.load('a', ['id']), loader.load('b')]);
    assert.deepEqual(batches, [{ keys: ['a', 'b'], fields: undefined }]);
  });
});
