import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertNoPackThisSeason, FAMILY_SERVICE_ORDER, onePackEach } from './one-pack-per-family.rules.js';

describe('one pack per family, families by priority', () => {
  it('refuses a second pack to a family served this season', () => {
    assert.doesNotThrow(() => assertNoPackThisSeason(0));
    assert.throws(
      () => assertNoPackThisSeason(1),
      (e: any) => e.extensions.code === 'CONFLICT' && /one pack per family/.test(e.message),
    );
  });

  it('serves lower priority numbers first', () => {
    assert.deepEqual(FAMILY_SERVICE_ORDER, { priority: 'asc', id: 'asc' });
  });

  it('gives each family one pack, in order, whichever side is longer', () => {
    assert.deepEqual(onePackEach(['p1', 'p2', 'p3'], ['f1', 'f2']), [
      ['p1', 'f1'],
      ['p2', 'f2'],
    ]);
    assert.deepEqual(onePackEach(['p1'], ['f1', 'f2']), [['p1', 'f1']]);
    assert.deepEqual(onePackEach([], ['f1']), []);
  });
});
