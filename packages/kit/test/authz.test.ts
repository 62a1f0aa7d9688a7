import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authChecker, ErrorCode, hasRole, requireRole, Role, type SubgraphContext, type Viewer } from '../src/index.js';

const account = (...roles: Role[]): Viewer => ({ id: 'a1', roles, sessionId: 's1' });
const link: Viewer = { id: 'd1', roles: [], sessionId: 'link:l1', trackingDeliveryId: 'd1' };
const check = (viewer: Viewer | null, roles: Role[]) =>
  authChecker({ context: { viewer } as SubgraphContext, root: {}, args: {}, info: {} as never }, roles);
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return { code: (error as { extensions: { code: string } }).extensions.code, message: (error as Error).message };
  }
  return null;
};

describe('roles (@Authorized, checked by authChecker)', () => {
  it('asks an anonymous caller to sign in', () => {
    assert.equal(refusal(() => check(null, []))?.code, ErrorCode.Unauthenticated);
    assert.equal(refusal(() => check(null, [Role.ORGANIZER]))?.code, ErrorCode.Unauthenticated);
  });

  it('admits any signed-in account when no role is named, but not a tracking link', () => {
    assert.equal(check(account(Role.DRIVER), []), true);
    assert.deepEqual(
      refusal(() => check(link, [])),
      { code: ErrorCode.Forbidden, message: 'A tracking link can only read its delivery.' },
    );
  });

  it('admits an account holding one of the roles named, and tells the others which roles it needs', () => {
    assert.equal(check(account(Role.DONOR, Role.REVIEWER), [Role.REVIEWER, Role.ORGANIZER]), true);
    assert.deepEqual(
      refusal(() => check(account(Role.DONOR), [Role.REVIEWER, Role.ORGANIZER])),
      {
        code: ErrorCode.Forbidden,
        message: 'This needs the REVIEWER or ORGANIZER role.',
      },
    );
  });

  it('applies the same rule outside resolvers (requireRole, hasRole)', () => {
    assert.equal(requireRole(account(Role.DRIVER), Role.DRIVER).id, 'a1');
    assert.equal(refusal(() => requireRole(account(Role.DONOR), Role.DRIVER))?.code, ErrorCode.Forbidden);
    assert.equal(hasRole(link, Role.DONOR), false);
  });
});
