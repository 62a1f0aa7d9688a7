import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SHARES_PER_ANIMAL, sharesPerAnimal } from './shares.rules.js';

describe('shares per species', () => {
  it('counts a sheep or goat as one share and a cow or camel as seven', () => {
    assert.deepEqual(SHARES_PER_ANIMAL, { SHEEP: 1, GOAT: 1, COW: 7, CAMEL: 7 });
  });

  it('puts one sheep share on each sheep', () => {
    assert.deepEqual(sharesPerAnimal(['a', 'b', 'c'], 'SHEEP', false), [['a'], ['b'], ['c']]);
  });

  it('fills a cow with seven shares in arrival order before starting the next', () => {
    const shares = Array.from({ length: 9 }, (_, i) => i);
    assert.deepEqual(sharesPerAnimal(shares, 'COW', false), [
      [0, 1, 2, 3, 4, 5, 6],
      [7, 8],
    ]);
  });

  it('leaves a part-filled camel pending when only full animals are wanted', () => {
    const shares = Array.from({ length: 9 }, (_, i) => i);
    assert.deepEqual(sharesPerAnimal(shares, 'CAMEL', true), [[0, 1, 2, 3, 4, 5, 6]]);
    assert.deepEqual(sharesPerAnimal([1, 2], 'CAMEL', true), []);
  });
});
