import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { whyNotDriver } from './driver.rules.js';

describe('who may drive a route', () => {
  const driver = { roles: ['DRIVER'], disabled: false };
  it('takes an enabled driver working at every site of the route', () => {
    assert.equal(whyNotDriver(driver, ['a', 'b'], new Set(['a', 'b', 'c'])), null);
  });
  it('refuses an unknown account, a non-driver, a disabled driver and a driver of another site', () => {
    assert.match(whyNotDriver(null, ['a'], new Set(['a']))!, /DRIVER role/);
    assert.match(whyNotDriver({ roles: ['EXECUTOR'], disabled: false }, ['a'], new Set(['a']))!, /DRIVER role/);
    assert.match(whyNotDriver({ ...driver, disabled: true }, ['a'], new Set(['a']))!, /disabled/);
    assert.match(whyNotDriver(driver, ['a', 'b'], new Set(['a']))!, /site b/);
  });
});
