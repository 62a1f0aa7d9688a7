import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import jwt from 'jsonwebtoken';
import {
  Role,
  signTrackingLink,
  signViewerToken,
  TOKEN,
  trackingViewer,
  gatewayTokenVerifier,
  verifyGatewayToken,
  verifyTrackingLink,
  verifyViewerToken,
  type Viewer,
} from '../src/index.js';

const secret = 'test-internal-secret-0123456789abcdef0123456789';
const donor: Viewer = { id: '0190a0b2-0000-7000-8000-000000000001', roles: [Role.DONOR], sessionId: 's1' };

describe('viewer tokens between the gateway and the subgraphs', () => {
  it('carry the viewer and the client IP the gateway saw', () => {
    const token = signViewerToken(donor, secret, { ip: '203.0.113.7' });
    const { expiresAt, ...origin } = verifyGatewayToken(token, secret);
    assert.deepEqual(origin, { viewer: donor, ip: '203.0.113.7' });
    assert.ok(Math.abs(expiresAt - (Date.now() + 60_000)) < 2_000, 'a viewer token lives a minute');
    assert.deepEqual(verifyViewerToken(token, secret), donor);
  });

  it('carry an anonymous caller as no viewer, and a tracking link as its one delivery', () => {
    const { viewer: anonymous, ip } = verifyGatewayToken(signViewerToken(null, secret), secret);
    assert.deepEqual({ anonymous, ip }, { anonymous: null, ip: null });
    const link = verifyTrackingLink(signTrackingLink('0190a0b2-0000-7000-8000-0000000000d1', secret, 60).token, secret);
    const viewer = verifyViewerToken(signViewerToken(trackingViewer(link), secret), secret);
    assert.equal(viewer?.trackingDeliveryId, '0190a0b2-0000-7000-8000-0000000000d1');
    assert.deepEqual(viewer?.roles, []);
  });

  it('refuse a missing, forged or expired token', () => {
    assert.throws(() => verifyViewerToken(undefined, secret), /missing/);
    assert.throws(
      () => verifyViewerToken(signViewerToken(donor, 'another-secret-0123456789abcdef0123456789'), secret),
      /invalid signature/,
    );
    const expired = jwt.sign(
      { sub: donor.id, roles: donor.roles, sid: 's1', exp: Math.floor(Date.now() / 1000) - 1 },
      secret,
      { algorithm: 'HS256', ...TOKEN.viewer },
    );
    assert.throws(() => verifyViewerToken(expired, secret), /expired/);
  });

  it('refuse a token made for someone else with the same secret (an access token, a tracking link)', () => {
    const access = jwt.sign({ sub: donor.id, roles: [Role.ORGANIZER], sid: 's1' }, secret, {
      algorithm: 'HS256',
      ...TOKEN.access,
    });
    assert.throws(() => verifyViewerToken(access, secret), /audience/);
    const link = signTrackingLink('0190a0b2-0000-7000-8000-0000000000d1', secret, 60).token;
    assert.throws(() => verifyViewerToken(link, secret), /audience/);
    assert.throws(() => verifyTrackingLink(signViewerToken(donor, secret), secret), /audience/);
  });

  it('refuse an unsigned token and one with roles missing', () => {
    const none = jwt.sign({ sub: donor.id, roles: [Role.ORGANIZER] }, '', { algorithm: 'none', ...TOKEN.viewer });
    assert.throws(() => verifyViewerToken(none, secret));
    const noRoles = jwt.sign({ sub: donor.id, sid: 's1' }, secret, { algorithm: 'HS256', ...TOKEN.viewer });
    assert.throws(() => verifyViewerToken(noRoles, secret), /malformed/);
  });
});

describe('a subgraph remembering verified viewer tokens (gatewayTokenVerifier)', () => {
  it('verifies a token once, shares it frozen, and still refuses forged, missing and expired ones', async () => {
    const verify = gatewayTokenVerifier(secret, { rememberTokens: true });
    const token = signViewerToken(donor, secret, { ip: '203.0.113.7' });
    const first = verify(token);
    assert.deepEqual(first, { viewer: donor, ip: '203.0.113.7' });
    assert.equal(verify(token), first, 'the second call is answered from memory');
    assert.ok(Object.isFrozen(first) && Object.isFrozen(first.viewer) && Object.isFrozen(first.viewer!.roles));
    assert.throws(() => verify(undefined), /missing/);
    assert.throws(() => verify(signViewerToken(donor, 'another-secret-0123456789abcdef0123456789')), /signature/);
    const exp = Math.floor(Date.now() / 1000) + 1;
    const expiring = jwt.sign({ sub: donor.id, roles: donor.roles, sid: 's1', exp }, secret, {
      algorithm: 'HS256',
      ...TOKEN.viewer,
    });
    assert.deepEqual(verify(expiring).viewer, donor);
    // Remembered only until it expires: past `exp`, it is verified again, and refused.
    await new Promise((resolve) => setTimeout(resolve, exp * 1000 + 50 - Date.now()));
    assert.throws(() => verify(expiring), /expired/);
  });
});

describe('tracking links', () => {
  it('open one delivery until they expire, each with its own id', () => {
    const a = signTrackingLink('0190a0b2-0000-7000-8000-0000000000d1', secret, 60);
    const b = signTrackingLink('0190a0b2-0000-7000-8000-0000000000d1', secret, 60);
    assert.notEqual(a.linkId, b.linkId);
    const link = verifyTrackingLink(a.token, secret);
    assert.equal(link.deliveryId, '0190a0b2-0000-7000-8000-0000000000d1');
    assert.equal(link.linkId, a.linkId);
    assert.ok(Math.abs(link.expiresAt.getTime() - (Date.now() + 60_000)) < 2_000);
    assert.throws(() => verifyTrackingLink(signTrackingLink('d', secret, -1).token, secret), /expired/);
  });
});
