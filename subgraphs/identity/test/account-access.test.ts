import { Role, type RunningSubgraph, type Viewer } from '@qurbani/kit';
import { dropDatabases } from '@qurbani/kit/testing';
import { Redis } from 'ioredis';
import jwt from 'jsonwebtoken';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startIdentitySubgraph } from '../src/app.js';
import { caller, clearRedis, codeOf, REFRESH, REGISTER, SIGN_IN, testConfig, dropStream } from './support.js';

const organizerLogin = { login: 'organizer@example.org', password: 'organizer password', displayName: 'Organizer' };
const config = testConfig('access', { bootstrapOrganizer: organizerLogin });
const DISABLE = `mutation($id: ID!) { disableAccount(accountId: $id) { id disabledAt } }`;
const ENABLE = `mutation($id: ID!) { enableAccount(accountId: $id) { id disabledAt } }`;
const CREATE_STAFF = `mutation($input: CreateStaffAccountInput!) { createStaffAccount(input: $input) { id } }`;

const sessionOf = (accessToken: string) => String((jwt.decode(accessToken) as jwt.JwtPayload).sid);

describe('organizers disable and enable accounts', () => {
  let subgraph: RunningSubgraph;
  let redis: Redis;
  let organizer: Viewer;
  const call = caller(() => subgraph.url);
  const isRevoked = async (accessToken: string) =>
    (await redis.exists(`${config.redisPrefix}revoked-session:${sessionOf(accessToken)}`)) === 1;
  const liveTokens = async (accountId: string) =>
    Number(
      (
        await subgraph.orm.em
          .fork()
          .getConnection()
          .execute(`select count(*) as n from refresh_token where account_id = ? and revoked_at is null`, [accountId])
      )[0].n,
    );

  before(async () => {
    subgraph = await startIdentitySubgraph(config);
    redis = new Redis(config.redisUrl);
    const signIn = await call(SIGN_IN, organizerLogin);
    organizer = {
      id: signIn.data.signIn.account.id,
      roles: [Role.ORGANIZER],
      sessionId: sessionOf(signIn.data.signIn.accessToken),
    };
  });
  after(async () => {
    redis.disconnect();
    await clearRedis(config);
    await subgraph.close();
    await dropDatabases(config.baseUrl, [config.dbName]);
    await dropStream(config);
  });

  it('ends every session of a disabled account at once and refuses its sign-ins until it is enabled', async () => {
    const donor = { login: 'donor@example.org', password: 'donor password 1', displayName: 'Donor' };
    const phone = (await call(REGISTER, { input: donor })).data.register;
    const laptop = (await call(SIGN_IN, donor)).data.signIn;
    const id = phone.account.id as string;
    assert.ok(!(await isRevoked(phone.accessToken)) && !(await isRevoked(laptop.accessToken)));

    const disabled = await call(DISABLE, { id }, { viewer: organizer });
    assert.equal(disabled.errors, undefined);
    assert.ok(disabled.data.disableAccount.disabledAt);
    assert.ok(await isRevoked(phone.accessToken), "the gateway now refuses the phone's access token");
    assert.ok(await isRevoked(laptop.accessToken), "and the laptop's");
    assert.equal(await liveTokens(id), 0);
    assert.equal(codeOf(await call(REFRESH, { t: laptop.refreshToken })), 'UNAUTHENTICATED');
    assert.equal(codeOf(await call(SIGN_IN, donor)), 'UNAUTHENTICATED');

    assert.equal((await call(ENABLE, { id }, { viewer: organizer })).data.enableAccount.disabledAt, null);
    assert.equal(codeOf(await call(REFRESH, { t: laptop.refreshToken })), 'UNAUTHENTICATED', 'old sessions stay ended');
    assert.equal((await call(SIGN_IN, donor)).errors, undefined);
  });

  it('leaves no session alive from sign-ins racing the disable', async () => {
    const donor = { login: 'racer@example.org', password: 'racer password 1', displayName: 'Racer' };
    const id = (await call(REGISTER, { input: donor })).data.register.account.id as string;
    // Sign-ins every 15 ms; the disable lands once the first has its tokens, while others are mid-way.
    const signIns = Array.from({ length: 10 }, (_, i) =>
      new Promise((r) => setTimeout(r, i * 15)).then(() => call(SIGN_IN, donor, { ip: '198.51.100.1' })),
    );
    await signIns[0];
    assert.equal((await call(DISABLE, { id }, { viewer: organizer })).errors, undefined);
    const results = await Promise.all(signIns);
    const issued = results.filter((res) => !res.errors);
    assert.ok(issued.length >= 1);
    for (const res of results) {
      if (res.errors) assert.equal(codeOf(res), 'UNAUTHENTICATED');
      else
        assert.ok(await isRevoked(res.data.signIn.accessToken), 'a session issued before the disable is revoked by it');
    }
    assert.equal(await liveTokens(id), 0);
  });

  it("refuses to disable one's own account or the last organizer, and refuses non-organizers", async () => {
    assert.equal(codeOf(await call(DISABLE, { id: organizer.id }, { viewer: organizer })), 'FORBIDDEN');
    const staff = {
      login: 'second@example.org',
      password: 'second organizer pw',
      displayName: 'Second',
      roles: ['ORGANIZER'],
    };
    const secondId = (await call(CREATE_STAFF, { input: staff }, { viewer: organizer })).data.createStaffAccount
      .id as string;
    const second: Viewer = { id: secondId, roles: [Role.ORGANIZER], sessionId: 'x' };
    assert.equal(
      (await call(DISABLE, { id: organizer.id }, { viewer: second })).errors,
      undefined,
      'one of two organizers may go',
    );
    assert.equal(codeOf(await call(DISABLE, { id: secondId }, { viewer: organizer })), 'CONFLICT', 'not the last one');
    assert.equal((await call(ENABLE, { id: organizer.id }, { viewer: second })).errors, undefined);

    const donor: Viewer = { id: secondId, roles: [Role.DONOR], sessionId: 'y' };
    assert.equal(codeOf(await call(DISABLE, { id: organizer.id }, { viewer: donor })), 'FORBIDDEN');
    assert.equal(codeOf(await call(DISABLE, { id: organizer.id })), 'UNAUTHENTICATED');
    assert.equal(codeOf(await call(DISABLE, { id: 'not-an-id' }, { viewer: organizer })), 'BAD_USER_INPUT');
  });

  it('shows organizers when an account was disabled', async () => {
    const ACCOUNT = `query($id: ID!) { account(id: $id) { disabledAt } }`;
    const donor = (
      await call(REGISTER, { input: { login: 'shown@example.org', password: 'shown password', displayName: 'S' } })
    ).data.register.account.id;
    await call(DISABLE, { id: donor }, { viewer: organizer });
    assert.ok((await call(ACCOUNT, { id: donor }, { viewer: organizer })).data.account.disabledAt);
  });

  it('lists the accounts of each role for organizers, oldest first', async () => {
    const ACCOUNTS = `query($role: Role) { accounts(role: $role, first: 100) { edges { node { id roles } } } }`;
    const reviewer = {
      login: 'reviewer@example.org',
      password: 'reviewer password',
      displayName: 'R',
      roles: ['REVIEWER'],
    };
    const reviewerId = (await call(CREATE_STAFF, { input: reviewer }, { viewer: organizer })).data.createStaffAccount
      .id;
    const idsOf = async (role?: Role) => {
      const res = await call(ACCOUNTS, role ? { role } : {}, { viewer: organizer });
      assert.equal(res.errors, undefined, JSON.stringify(res.errors));
      return (res.data.accounts.edges as { node: { id: string; roles: Role[] } }[]).map(({ node }) => {
        if (role) assert.ok(node.roles.includes(role), `${node.id} has ${role}`);
        return node.id;
      });
    };
    assert.deepEqual(await idsOf(Role.REVIEWER), [reviewerId]);
    assert.ok((await idsOf(Role.ORGANIZER)).includes(organizer.id));
    assert.deepEqual(await idsOf(Role.DRIVER), []);
    assert.ok((await idsOf()).length >= 3);
  });
});
