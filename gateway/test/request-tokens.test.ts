import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import jwt from 'jsonwebtoken';
import { hmacKey, Role, TOKEN, verifyGatewayToken, type Viewer } from '@qurbani/kit';
import { ViewerTokens } from '../src/auth/viewer-tokens.js';
import { cachedRequestViewer } from '../src/request-viewer.js';

const internalSecret = 'test-internal-secret-0123456789abcdef0123456789';
const accessSecret = 'test-access-secret-0123456789abcdef0123456789ab';
const donor: Viewer = { id: '0190a0b2-0000-7000-8000-000000000001', roles: [Role.DONOR], sessionId: 's1' };

const accessToken = (claims: object, expiresIn = 900) =>
  `Bearer ${jwt.sign(claims, hmacKey(accessSecret), { algorithm: 'HS256', ...TOKEN.access, expiresIn })}`;

describe("the gateway's viewer tokens for subgraphs (ViewerTokens)", () => {
  it('reuse one token per viewer and client address for half its minute, then sign a new one', (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: Date.now() });
    const tokens = new ViewerTokens(internalSecret);
    const first = tokens.tokenFor(donor, { ip: '203.0.113.7' });
    assert.equal(tokens.tokenFor({ ...donor }, { ip: '203.0.113.7' }), first);
    assert.equal(verifyGatewayToken(first, internalSecret).ip, '203.0.113.7');
    const elsewhere = tokens.tokenFor(donor, { ip: '198.51.100.1' });
    assert.equal(verifyGatewayToken(elsewhere, internalSecret).ip, '198.51.100.1', 'another address, another token');
    const organizer = tokens.tokenFor({ ...donor, roles: [Role.ORGANIZER] }, { ip: '203.0.113.7' });
    assert.deepEqual(verifyGatewayToken(organizer, internalSecret).viewer?.roles, [Role.ORGANIZER], 'other roles');
    assert.equal(verifyGatewayToken(tokens.tokenFor(null, { ip: '203.0.113.7' }), internalSecret).viewer, null);
    t.mock.timers.tick(29_000);
    assert.equal(tokens.tokenFor(donor, { ip: '203.0.113.7' }), first);
    t.mock.timers.tick(2_000);
    const renewed = tokens.tokenFor(donor, { ip: '203.0.113.7' });
    assert.notEqual(renewed, first, 'past half its life a token is signed anew');
    assert.ok(verifyGatewayToken(renewed, internalSecret).expiresAt >= Date.now() + 59_000);
  });
});

describe("the GraphQL route's viewer (cachedRequestViewer)", () => {
  it('verifies an access token once but checks for sign-out on every request', async () => {
    const revoked = new Set<string>();
    let lookups = 0;
    const viewerOf = cachedRequestViewer(accessSecret, {
      isRevoked: async (sessionId) => (lookups++, revoked.has(sessionId)),
    });
    const token = accessToken({ sub: donor.id, roles: ['DONOR', 'NOT_A_ROLE'], sid: 's1' });
    const first = await viewerOf(token);
    assert.deepEqual(first, donor);
    assert.equal(await viewerOf(token), first, 'the verified token is remembered');
    assert.ok(Object.isFrozen(first));
    assert.equal(lookups, 2);
    revoked.add('s1');
    await assert.rejects(
      viewerOf(token),
      (e: any) => e.extensions.code === 'UNAUTHENTICATED' && /ended/.test(e.message),
    );
    assert.equal(await viewerOf(undefined), null, 'no header: an anonymous viewer');
  });

  it('refuses a forged, malformed or expired token with 401, and never remembers a refusal', async () => {
    const viewerOf = cachedRequestViewer(accessSecret, { isRevoked: async () => false });
    const refused = (pattern: RegExp) => (e: any) =>
      e.extensions.code === 'UNAUTHENTICATED' && e.extensions.http.status === 401 && pattern.test(e.message);
    const forged = `Bearer ${jwt.sign({ sub: donor.id, roles: [], sid: 's1' }, 'another-secret-0123456789abcdef0123', {
      algorithm: 'HS256',
      ...TOKEN.access,
    })}`;
    await assert.rejects(viewerOf(forged), refused(/not valid/));
    await assert.rejects(viewerOf(forged), refused(/not valid/));
    await assert.rejects(viewerOf('Basic abc'), refused(/Bearer/));
    const expired = accessToken({ sub: donor.id, roles: ['DONOR'], sid: 's1' }, -1);
    await assert.rejects(viewerOf(expired), refused(/expired/));
  });
});
