import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SiteRole } from './site-role.js';
import { whyNotStaff } from './staff.rules.js';

describe('who may work at a site', () => {
  it('takes an enabled account holding the role', () => {
    assert.equal(whyNotStaff({ roles: ['EXECUTOR'], disabled: false }, SiteRole.EXECUTOR), null);
  });
  it('refuses an unknown account, a disabled one and one without the role', () => {
    assert.match(whyNotStaff(null, SiteRole.DRIVER)!, /not a staff account/);
    assert.match(whyNotStaff({ roles: ['EXECUTOR'], disabled: true }, SiteRole.EXECUTOR)!, /disabled/);
    assert.match(whyNotStaff({ roles: ['DRIVER'], disabled: false }, SiteRole.EXECUTOR)!, /EXECUTOR role/);
  });
});
