import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const root = new URL('../../../../', import.meta.url).pathname;
const SECRETS = [
  'INTERNAL_JWT_SECRET',
  'ACCESS_TOKEN_SECRET',
  'PII_KEY',
  'VIDEO_PLAYBACK_SECRET',
  'MODEL_SERVICE_TOKEN',
  'NOTIFY_SEAL_KEY',
  ...[
    'ADMIN',
    'IDENTITY',
    'DONOR',
    'SACRIFICE',
    'VIDEO',
    'VIDEO_WORKER',
    'DELIVERY',
    'SKIN',
    'ORCHESTRATOR',
    'NOTIFIER',
    'GATEWAY',
  ].map((user) => `NATS_${user}_PASSWORD`),
];

/** `docker-compose config` (Compose 1.29 from Debian) validates the file against its schema without an engine. */
const composeConfig = (env: Record<string, string>) =>
  spawnSync('docker-compose', ['-f', 'docker-compose.yml', 'config'], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: process.env.PATH!, ...env },
  });

describe('deployment files', () => {
  it('docker-compose.yml is valid, production-only, migrates first and checks every app', () => {
    const run = composeConfig(Object.fromEntries(SECRETS.map((name) => [name, `value-of-${name.toLowerCase()}`])));
    assert.equal(run.status, 0, run.stderr);
    const config = run.stdout;
    const apps = ['identity', 'donor', 'sacrifice', 'video', 'video-worker', 'delivery', 'skin', 'notifier', 'gateway'];
    for (const service of apps)
      assert.match(
        config,
        new RegExp(`\\n  ${service}:\\n(?:    .*\\n)*?    healthcheck:`),
        `${service} has a health check`,
      );
    assert.match(config, /service_completed_successfully/, 'apps wait for the migrate step');
    assert.match(config, /NODE_ENV: production/);
    assert.doesNotMatch(config, /target: media[\s\S]*?subgraphs\/donor/, 'only the video images carry ffmpeg');
  });

  it('refuses to render without the secrets, naming them', () => {
    const run = composeConfig({});
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /INTERNAL_JWT_SECRET|NATS_ADMIN_PASSWORD/);
  });

  it('the images run as a non-root user, without dev dependencies, and never copy media or local secrets', () => {
    const dockerfile = readFileSync(`${root}Dockerfile`, 'utf8');
    assert.match(dockerfile, /^USER node$/m);
    assert.match(dockerfile, /npm prune --omit=dev/);
    const ignored = readFileSync(`${root}.dockerignore`, 'utf8').split('\n');
    for (const entry of ['var', '.env', 'node_modules', '.git']) assert.ok(ignored.includes(entry), entry);
  });
});
