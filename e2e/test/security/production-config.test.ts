import { DEVELOPMENT_SECRETS } from '@qurbani/kit';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import jwt from 'jsonwebtoken';
import { startReplica } from '../support/live.js';
import { startSystem, type System } from '../support/system.js';

const root = new URL('../../../../', import.meta.url).pathname;
const random = () => randomBytes(32).toString('base64url');

/** Starts a service's entry point with `env` only; it must refuse before listening. */
function start(entry: string, env: Record<string, string>) {
  const run = spawnSync(process.execPath, [`${root}${entry}`], {
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: run.status, stderr: run.stderr };
}

describe('production refuses an unsafe configuration', () => {
  it('will not start a service with missing or development secrets, and lists every problem', () => {
    const missing = start('gateway/dist/src/index.js', { NODE_ENV: 'production', GATEWAY_PORT: '0' });
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /INTERNAL_JWT_SECRET: must be set in production/);
    assert.match(missing.stderr, /ACCESS_TOKEN_SECRET: must be set in production/);
    assert.match(missing.stderr, /NATS_URL: give this service's own NATS user/);

    const dev = start('gateway/dist/src/index.js', {
      NODE_ENV: 'production',
      GATEWAY_PORT: '0',
      ...DEVELOPMENT_SECRETS,
    });
    assert.equal(dev.status, 1);
    assert.match(dev.stderr, /INTERNAL_JWT_SECRET: is a development value/);
    assert.match(dev.stderr, /ACCESS_TOKEN_SECRET: is a development value/);

    const shared = random();
    const reused = start('subgraphs/identity/dist/src/index.js', {
      NODE_ENV: 'production',
      INTERNAL_JWT_SECRET: shared,
      ACCESS_TOKEN_SECRET: shared,
      PII_KEY: random(),
      IDENTITY_PORT: '0',
    });
    assert.equal(reused.status, 1);
    assert.match(reused.stderr, /ACCESS_TOKEN_SECRET: must differ from INTERNAL_JWT_SECRET/);

    const demo = start('subgraphs/identity/dist/src/index.js', {
      NODE_ENV: 'production',
      INTERNAL_JWT_SECRET: random(),
      ACCESS_TOKEN_SECRET: random(),
      PII_KEY: random(),
      IDENTITY_PORT: '0',
      BOOTSTRAP_ORGANIZER_LOGIN: 'organizer@demo.qurbani',
      BOOTSTRAP_ORGANIZER_PASSWORD: 'organizer-demo-pass',
    });
    assert.equal(demo.status, 1);
    assert.match(demo.stderr, /BOOTSTRAP_ORGANIZER_PASSWORD: is a development value/);

    const video = start('subgraphs/video/dist/src/index.js', {
      NODE_ENV: 'production',
      INTERNAL_JWT_SECRET: random(),
      VIDEO_PORT: '0',
    });
    assert.equal(video.status, 1);
    assert.match(video.stderr, /VIDEO_PLAYBACK_SECRET: must be set in production/);
  });

  describe('a gateway configured for production', () => {
    let system: System;
    before(async () => {
      system = await startSystem();
    });
    after(() => system?.close());

    it('refuses tokens signed with the development secret, introspection, suggestions and the explorer', async () => {
      const gateway = await startReplica(system, { production: true });
      try {
        const forged = jwt.sign(
          { sub: '0190a0b2-0000-7000-8000-000000000000', roles: ['ORGANIZER'], sid: 's' },
          DEVELOPMENT_SECRETS.ACCESS_TOKEN_SECRET,
          { expiresIn: 300 },
        );
        const asOrganizer = await fetch(gateway.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${forged}` },
          body: JSON.stringify({ query: '{ seasons { id } }' }),
        });
        assert.equal(asOrganizer.status, 401);

        const introspection = (await (
          await fetch(gateway.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: '{ __schema { types { name } } }' }),
          })
        ).json()) as { errors?: { message: string }[] };
        assert.match(introspection.errors?.[0]?.message ?? '', /introspection/i);

        const typo = (await (
          await fetch(gateway.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: '{ seasns { id } }' }),
          })
        ).json()) as { errors?: { message: string }[] };
        assert.doesNotMatch(typo.errors?.[0]?.message ?? '', /Did you mean/);

        const page = await fetch(gateway.url, { headers: { accept: 'text/html' } });
        assert.doesNotMatch(await page.text(), /graphiql/i);
        assert.match(page.headers.get('strict-transport-security') ?? '', /max-age/);
      } finally {
        await gateway.close();
      }
    });
  });
});
