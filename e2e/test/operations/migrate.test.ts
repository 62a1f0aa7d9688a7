import { startDonorSubgraph } from '@qurbani/donor';
import { connectNats } from '@qurbani/events';
import { dropDatabases, testRunId } from '@qurbani/kit/testing';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, describe, it } from 'node:test';

const root = new URL('../../../../', import.meta.url).pathname;
const baseUrl = process.env.DATABASE_URL_BASE ?? 'postgresql://postgres@127.0.0.1:5432';

describe('migrations are a deploy step in production', () => {
  const dbName = `qurbani_donor_${testRunId()}`;

  const donorConfig = {
    port: 0,
    baseUrl,
    dbName,
    internalSecret: 'internal-secret-for-migration-test-0123456789',
    piiKey: 'pii-key-for-migration-test-0123456789abcdef',
    notifySealKey: 'seal-key-for-migration-test-0123456789abcdef',
    natsUrl: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
    streamName: `QURBANI_MIGRATE_${dbName.toUpperCase()}`,
    subjectPrefix: dbName,
    migrateOnStart: false,
  };
  after(async () => {
    await dropDatabases(baseUrl, [dbName]);
    const nats = await connectNats(donorConfig.natsUrl);
    await nats.jsm.streams.delete(donorConfig.streamName).catch(() => undefined);
    await nats.close();
  });
  const migrate = () =>
    spawnSync(process.execPath, ['scripts/migrate.mjs', 'subgraphs/donor'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'development', DONOR_DB: dbName, DATABASE_URL_BASE: baseUrl },
    });

  it('a service that may not migrate refuses to start until `npm run migrate` has run, then starts', async () => {
    await assert.rejects(
      startDonorSubgraph(donorConfig),
      /(does not exist|migration\(s\) behind this build); run `npm run migrate` first/,
    );

    const first = migrate();
    assert.equal(first.status, 0, first.stderr);
    const applied = Number(/: (\d+) migration\(s\) applied/.exec(first.stdout)?.[1]);
    assert.ok(applied >= 1, first.stdout);
    const again = migrate();
    assert.match(again.stdout, /: 0 migration\(s\) applied/, 'running it twice changes nothing');

    const donor = await startDonorSubgraph(donorConfig);
    try {
      const ready = await fetch(donor.url.replace(/\/graphql$/, '/health/ready'));
      assert.equal(ready.status, 200);
    } finally {
      await donor.close();
    }
  });

  it('production services default to not migrating at start', async () => {
    const { serviceConfig } = await import('@qurbani/kit');
    const env = { HOST: '0.0.0.0', DATABASE_URL_BASE: baseUrl, DONOR_PORT: 1, DONOR_DB: 'x' };
    assert.equal(serviceConfig({ ...env, NODE_ENV: 'production' }, 'DONOR').migrateOnStart, false);
    assert.equal(serviceConfig({ ...env, NODE_ENV: 'development' }, 'DONOR').migrateOnStart, true);
    assert.equal(
      serviceConfig({ ...env, NODE_ENV: 'production', MIGRATE_ON_START: 'true' }, 'DONOR').migrateOnStart,
      true,
    );
  });
});
