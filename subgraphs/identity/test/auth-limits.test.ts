import type { RunningSubgraph } from '@qurbani/kit';
import { dropDatabases } from '@qurbani/kit/testing';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startIdentitySubgraph } from '../src/app.js';
import { DEFAULT_AUTH_LIMITS, type AuthLimits } from '../src/auth/auth.limits.js';
import {
  caller,
  clearRedis,
  codeOf,
  passwordWork,
  REFRESH,
  REGISTER,
  SIGN_IN,
  testConfig,
  dropStream,
} from './support.js';

const limits: AuthLimits = {
  ...DEFAULT_AUTH_LIMITS,
  signInPerAddress: { points: 30, seconds: 900 },
  signInPerLoginAndAddress: { points: 5, seconds: 900 },
  signInPerLoginFromNewAddresses: { points: 8, seconds: 1800 },
  registerPerAddress: { points: 3, seconds: 600 },
  registerPerLogin: { points: 2, seconds: 3600 },
  refreshPerAddress: { points: 10, seconds: 600 },
  refreshPerAccount: { points: 3, seconds: 600 },
};
const work = passwordWork();
const config = testConfig('limits', { authLimits: limits, onPasswordWork: work.onPasswordWork });

type Result = Awaited<ReturnType<ReturnType<typeof caller>>>;
const retryAfter = (res: Result) => res.errors?.[0]?.extensions?.retryAfterSeconds as number | undefined;

describe('sign-in, register and refresh budgets', () => {
  let subgraph: RunningSubgraph;
  const call = caller(() => subgraph.url);
  const accountCount = async () =>
    Number((await subgraph.orm.em.fork().getConnection().execute(`select count(*) as n from account`))[0].n);
  const owner = { login: 'owner@example.org', password: 'the owner password', displayName: 'Owner' };
  const OWNER_IP = '203.0.113.10';

  before(async () => {
    subgraph = await startIdentitySubgraph(config);
    const res = await call(REGISTER, { input: owner }, { ip: OWNER_IP });
    assert.equal(res.errors, undefined);
  });
  after(async () => {
    await subgraph.close();
    await clearRedis(config);
    await dropDatabases(config.baseUrl, [config.dbName]);
    await dropStream(config);
  });

  it('verifies at most the per-login-and-address budget of 200 parallel wrong passwords from one address', async () => {
    const before = work.counts.verify;
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        call(SIGN_IN, { login: owner.login, password: `guess ${i}` }, { ip: '198.51.100.7' }),
      ),
    );
    const verified = work.counts.verify - before;
    assert.ok(verified >= 1 && verified <= limits.signInPerLoginAndAddress.points, `${verified} passwords verified`);
    const codes = results.map(codeOf);
    assert.equal(
      codes.filter((c) => c === 'UNAUTHENTICATED').length,
      verified,
      'one UNAUTHENTICATED per verified password',
    );
    assert.equal(codes.filter((c) => c === 'RATE_LIMITED').length, 200 - verified);
    for (const res of results.filter((r) => codeOf(r) === 'RATE_LIMITED')) {
      const seconds = retryAfter(res)!;
      assert.ok(
        Number.isInteger(seconds) && seconds >= 1 && seconds <= limits.signInPerLoginAndAddress.seconds,
        `retryAfterSeconds ${seconds}`,
      );
    }
    // Even the right password from that address waits now, without a verification.
    const right = await call(SIGN_IN, owner, { ip: '198.51.100.7' });
    assert.equal(codeOf(right), 'RATE_LIMITED');
    assert.equal(work.counts.verify - before, verified);
  });

  it('lets the owner sign in from their own address while an attacker spread over many addresses is held to the login budget', async () => {
    const before = work.counts.verify;
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        call(SIGN_IN, { login: owner.login, password: `guess ${i}` }, { ip: `10.9.${Math.floor(i / 250)}.${i % 250}` }),
      ),
    );
    const verified = work.counts.verify - before;
    assert.ok(verified <= limits.signInPerLoginFromNewAddresses.points, `${verified} passwords verified`);
    assert.ok(results.every((r) => ['UNAUTHENTICATED', 'RATE_LIMITED'].includes(codeOf(r)!)));

    const fromHome = await call(SIGN_IN, owner, { ip: OWNER_IP });
    assert.equal(fromHome.errors, undefined, 'the address the owner registered from is known');
    const fromNewNetwork = await call(SIGN_IN, owner, { ip: '192.0.2.99' });
    assert.equal(codeOf(fromNewNetwork), 'RATE_LIMITED', 'a new address waits until the login budget refills');
    assert.ok(retryAfter(fromNewNetwork)! <= limits.signInPerLoginFromNewAddresses.seconds);
  });

  it("forgets an address's failures once the right password comes from it", async () => {
    const ip = OWNER_IP;
    const wrong = () => call(SIGN_IN, { login: owner.login, password: 'not it at all' }, { ip });
    for (let i = 0; i < limits.signInPerLoginAndAddress.points - 1; i++)
      assert.equal(codeOf(await wrong()), 'UNAUTHENTICATED');
    assert.equal((await call(SIGN_IN, owner, { ip })).errors, undefined);
    for (let i = 0; i < limits.signInPerLoginAndAddress.points - 1; i++)
      assert.equal(codeOf(await wrong()), 'UNAUTHENTICATED', `failure ${i + 1} after the success`);
    assert.equal((await call(SIGN_IN, owner, { ip })).errors, undefined);
  });

  it('slows an address that tries many logins, whatever the logins', async () => {
    const ip = '198.51.100.200';
    const before = work.counts.verify;
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < limits.signInPerAddress.points + 3; i++) {
      codes.push(
        codeOf(await call(SIGN_IN, { login: `nobody${i}@example.org`, password: 'whatever password' }, { ip })),
      );
    }
    assert.deepEqual(
      codes.slice(0, limits.signInPerAddress.points),
      Array(limits.signInPerAddress.points).fill('UNAUTHENTICATED'),
    );
    assert.deepEqual(codes.slice(limits.signInPerAddress.points), ['RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);
    assert.equal(work.counts.verify - before, limits.signInPerAddress.points);
  });

  it('limits registrations per address before any password is hashed, and creates no account past it', async () => {
    const ip = '198.51.100.50';
    const hashes = work.counts.hash;
    const accounts = await accountCount();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(
          REGISTER,
          { input: { login: `new${i}@example.org`, password: 'a long password', displayName: `New ${i}` } },
          { ip },
        ),
      ),
    );
    const created = results.filter((r) => !r.errors).length;
    assert.equal(created, limits.registerPerAddress.points);
    assert.ok(results.filter((r) => r.errors).every((r) => codeOf(r) === 'RATE_LIMITED' && retryAfter(r)! >= 1));
    assert.equal(work.counts.hash - hashes, created, 'one hash per account created, none for refused ones');
    assert.equal(await accountCount(), accounts + created);
  });

  it('limits registration attempts per login, across addresses', async () => {
    const input = { login: 'probe@example.org', password: 'a long password', displayName: 'Probe' };
    const codes = [];
    for (let i = 0; i < limits.registerPerLogin.points + 1; i++)
      codes.push(codeOf(await call(REGISTER, { input }, { ip: `10.20.0.${i}` })));
    assert.deepEqual(codes, [undefined, 'CONFLICT', 'RATE_LIMITED']);
  });

  it('refuses two auth fields in one request, aliased or through a fragment, before any password work', async () => {
    const hashes = work.counts.hash;
    const verifies = work.counts.verify;
    const accounts = await accountCount();
    const aliases = Array.from(
      { length: 50 },
      (_, i) =>
        `r${i}: register(input: { login: "batch${i}@example.org", password: "a long password", displayName: "B" }) { accessToken }`,
    ).join('\n');
    const batches = [
      `mutation { ${aliases} }`,
      `mutation { ...Twice } fragment Twice on Mutation { a: signIn(login: "${owner.login}", password: "x") { accessToken } b: signIn(login: "${owner.login}", password: "y") { accessToken } }`,
      `mutation { signIn(login: "${owner.login}", password: "${owner.password}") { accessToken } refreshSession(refreshToken: "x") { accessToken } }`,
    ];
    for (const query of batches) {
      const res = await call(query, {}, { ip: '198.51.100.77' });
      assert.equal(res.data, null, query.slice(0, 60));
      assert.ok(
        res.errors!.length >= 1 && res.errors!.every((e) => e.extensions?.code === 'BAD_USER_INPUT'),
        JSON.stringify(res.errors?.[0]),
      );
    }
    assert.equal(work.counts.hash, hashes);
    assert.equal(work.counts.verify, verifies);
    assert.equal(await accountCount(), accounts);
  });

  it('limits refreshes per address, and per account once the token is known', async () => {
    const guesses = [];
    for (let i = 0; i < limits.refreshPerAddress.points + 1; i++)
      guesses.push(codeOf(await call(REFRESH, { t: `guess-${i}` }, { ip: '198.51.100.88' })));
    assert.deepEqual(guesses, [...Array(limits.refreshPerAddress.points).fill('UNAUTHENTICATED'), 'RATE_LIMITED']);

    let token = (await call(SIGN_IN, owner, { ip: OWNER_IP })).data.signIn.refreshToken as string;
    for (let i = 0; i < limits.refreshPerAccount.points; i++) {
      const res = await call(REFRESH, { t: token }, { ip: `10.30.0.${i}` });
      assert.equal(res.errors, undefined, `refresh ${i + 1}`);
      token = res.data.refreshSession.refreshToken;
    }
    const over = await call(REFRESH, { t: token }, { ip: '10.30.1.1' });
    assert.equal(codeOf(over), 'RATE_LIMITED');
    assert.ok(retryAfter(over)! <= limits.refreshPerAccount.seconds);
  });
});
