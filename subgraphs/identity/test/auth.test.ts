import { Role, type RunningSubgraph } from '@qurbani/kit';
import { callSubgraph, dropDatabases } from '@qurbani/kit/testing';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startIdentitySubgraph } from '../src/app.js';
import { clearRedis, secret, testConfig, dropStream } from './support.js';

const config = testConfig('auth');

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { accessToken refreshToken account { id roles login } } }`;
const REFRESH = `mutation($t: String!) { refreshSession(refreshToken: $t) { refreshToken } }`;

describe('identity subgraph', () => {
  let subgraph: RunningSubgraph;
  const call = (query: string, variables?: Record<string, unknown>, viewer = null) =>
    callSubgraph(subgraph.url, secret, viewer, query, variables);

  before(async () => {
    subgraph = await startIdentitySubgraph(config);
  });
  after(async () => {
    await subgraph.close();
    await dropDatabases(config.baseUrl, [config.dbName]);
    await dropStream(config);
    await clearRedis(config);
  });

  it('registers a donor and never stores the login in clear', async () => {
    const res = await call(REGISTER, {
      input: { login: 'Amina@Example.org', password: 'correct horse battery', displayName: 'Amina' },
    });
    assert.equal(res.errors, undefined);
    assert.deepEqual(res.data.register.account.roles, [Role.DONOR]);
    const [row] = await subgraph.orm.em.fork().getConnection().execute(`select * from account`);
    assert.ok(!JSON.stringify(row).includes('amina@example.org'));
  });

  it('refuses a duplicate login with CONFLICT', async () => {
    const res = await call(REGISTER, {
      input: { login: 'amina@example.org', password: 'another password', displayName: 'A' },
    });
    assert.equal(res.errors?.[0]?.extensions?.code, 'CONFLICT');
  });

  it('rotates refresh tokens and revokes the family when a used one comes back', async () => {
    const signIn = await call(
      `mutation { signIn(login: "amina@example.org", password: "correct horse battery") { refreshToken } }`,
    );
    const first = signIn.data.signIn.refreshToken;
    const second = (await call(REFRESH, { t: first })).data.refreshSession.refreshToken;
    const reuse = await call(REFRESH, { t: first });
    assert.equal(reuse.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    const afterReuse = await call(REFRESH, { t: second });
    assert.equal(afterReuse.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED', 'the reuse revoked the whole family');
  });

  it('answers only requests signed by the gateway', async () => {
    const res = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    });
    assert.equal(res.status, 401);
  });
});
