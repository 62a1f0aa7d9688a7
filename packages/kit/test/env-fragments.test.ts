import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { z } from 'zod';
import {
  checkEnv,
  DEVELOPMENT_SECRETS,
  natsConfig,
  natsEnv,
  redisConfig,
  redisEnv,
  refuseInProduction,
  secretEnv,
  serviceConfig,
  serviceEnv,
  subgraphConfig,
  subgraphEnv,
} from '../src/index.js';

const random = () => randomBytes(32).toString('base64url');

// A subgraph's env.ts in small: the fragments it spreads, and one setting of its own.
const shape = {
  ...subgraphEnv('SAMPLE', 4199),
  ...natsEnv,
  ...redisEnv,
  PII_KEY: secretEnv.PII_KEY,
  SAMPLE_LIMIT: z.coerce.number().int().positive().default(5),
};

function parsed(source: NodeJS.ProcessEnv) {
  const result = checkEnv(shape, source);
  assert.ok(result.ok, result.ok ? '' : result.errors.join('\n'));
  return result.value;
}

function problems(source: NodeJS.ProcessEnv): string[] {
  const result = checkEnv(shape, source);
  assert.equal(result.ok, false, 'the configuration was accepted');
  return result.ok ? [] : result.errors;
}

describe('a service configuration composed from the kit fragments', () => {
  it('runs on one machine with no variable set, with the same defaults everywhere', () => {
    const env = parsed({});
    assert.deepEqual(
      { ...subgraphConfig(env, 'SAMPLE'), ...natsConfig(env), ...redisConfig(env) },
      {
        port: 4199,
        host: '127.0.0.1',
        baseUrl: 'postgresql://postgres@127.0.0.1:5432',
        dbName: 'qurbani_sample',
        migrateOnStart: true,
        internalSecret: DEVELOPMENT_SECRETS.INTERNAL_JWT_SECRET,
        natsUrl: 'nats://127.0.0.1:4222',
        streamName: 'QURBANI',
        streamReplicas: 1,
        subjectPrefix: undefined,
        redisUrl: 'redis://127.0.0.1:6379',
        redisPrefix: 'qurbani:',
      },
    );
    assert.equal(env.SAMPLE_LIMIT, 5);
  });

  it("reads the service's own port and database variables, and treats an empty subject prefix as none", () => {
    const env = parsed({
      SAMPLE_PORT: '0',
      SAMPLE_DB: 'other_db',
      HOST: '0.0.0.0',
      NATS_SUBJECT_PREFIX: '',
      NATS_STREAM: 'S2',
    });
    assert.deepEqual(serviceConfig(env, 'SAMPLE'), {
      port: 0,
      host: '0.0.0.0',
      baseUrl: 'postgresql://postgres@127.0.0.1:5432',
      dbName: 'other_db',
      migrateOnStart: true,
    });
    assert.deepEqual(natsConfig(env), {
      natsUrl: 'nats://127.0.0.1:4222',
      streamName: 'S2',
      streamReplicas: 1,
      subjectPrefix: undefined,
    });
    assert.equal(natsConfig(parsed({ NATS_STREAM_REPLICAS: '3' })).streamReplicas, 3);
    assert.equal(natsConfig(parsed({ NATS_SUBJECT_PREFIX: 'sandbox' })).subjectPrefix, 'sandbox');
  });

  it('lists every invalid value at once', () => {
    const errors = problems({ SAMPLE_PORT: 'eighty', SAMPLE_LIMIT: '-1', PII_KEY: 'short' });
    assert.equal(errors.length, 3, errors.join('\n'));
    assert.ok(errors.some((e) => e.startsWith('SAMPLE_PORT:')));
    assert.ok(errors.some((e) => e.startsWith('SAMPLE_LIMIT:')));
    assert.ok(errors.some((e) => e.startsWith('PII_KEY:')));
  });

  it('only the fragments a service spreads are read: without natsEnv no NATS user is asked for', () => {
    const result = checkEnv({ ...serviceEnv('QUIET', 4198) }, { NODE_ENV: 'production' });
    assert.ok(result.ok, result.ok ? '' : result.errors.join('\n'));
    assert.equal('NATS_URL' in result.value, false);
    assert.equal('INTERNAL_JWT_SECRET' in result.value, false);
  });
});

describe('in production the composed configuration refuses unsafe values', () => {
  const safe = () => ({
    NODE_ENV: 'production',
    INTERNAL_JWT_SECRET: random(),
    PII_KEY: random(),
    NATS_URL: `nats://sample:${random()}@nats:4222`,
  });

  it('accepts its own secrets and a NATS URL with its own user', () => {
    const env = parsed(safe());
    assert.equal(env.NODE_ENV, 'production');
  });

  it('refuses missing secrets and a NATS URL without a user, naming each', () => {
    const errors = problems({ NODE_ENV: 'production' });
    assert.ok(
      errors.includes('INTERNAL_JWT_SECRET: must be set in production (32+ random characters)'),
      errors.join('\n'),
    );
    assert.ok(errors.includes('PII_KEY: must be set in production (32+ random characters)'), errors.join('\n'));
    assert.ok(
      errors.some((e) => e.startsWith("NATS_URL: give this service's own NATS user")),
      errors.join('\n'),
    );
  });

  it('refuses the development secrets and one secret used twice', () => {
    const dev = problems({
      ...safe(),
      INTERNAL_JWT_SECRET: DEVELOPMENT_SECRETS.INTERNAL_JWT_SECRET,
      PII_KEY: DEVELOPMENT_SECRETS.PII_KEY,
    });
    assert.ok(
      dev.includes('INTERNAL_JWT_SECRET: is a development value; set a random one in production'),
      dev.join('\n'),
    );
    assert.ok(dev.includes('PII_KEY: is a development value; set a random one in production'), dev.join('\n'));
    const shared = random();
    const twice = problems({ ...safe(), INTERNAL_JWT_SECRET: shared, PII_KEY: shared });
    assert.deepEqual(twice, ['PII_KEY: must differ from INTERNAL_JWT_SECRET']);
  });

  it('refuses a value a service marked as a demo value, in any of its variables', () => {
    refuseInProduction('sample-demo-redis-prefix');
    const errors = problems({ ...safe(), REDIS_PREFIX: 'sample-demo-redis-prefix' });
    assert.deepEqual(errors, ['REDIS_PREFIX: is a development value; set your own in production']);
    assert.ok(
      checkEnv(shape, { REDIS_PREFIX: 'sample-demo-redis-prefix' }).ok,
      'outside production the demo value is fine',
    );
  });
});
