import { startGateway } from '@qurbani/gateway';
import { DEFAULT_AUTH_LIMITS } from '@qurbani/identity';
import { eventually } from '@qurbani/kit/testing';
import {
  DisableAccountDocument,
  EnableAccountDocument,
  MeDocument,
  OrderUpdatedDocument,
  RefreshSessionDocument,
  RegisterDocument,
  SignInDocument,
  type ApiResult,
  type TypedDocumentNode,
} from '@qurbani/sdk';
import { parse, print } from 'graphql';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { fromAddress } from '../support/client-address.js';
import { liveClient, record, settle } from '../support/live.js';
import { QurbaniLive } from '@qurbani/sdk';
import { createSeasonAndSite, placeOrder, registerDonor, signInOrganizer, type Actor } from '../support/season.js';
import { startSystem, type System } from '../support/system.js';

const codeOf = (result: ApiResult<unknown>) => result.errors?.[0]?.extensions?.code;
const retryAfterOf = (result: ApiResult<unknown>) =>
  result.errors?.[0]?.extensions?.retryAfterSeconds as number | undefined;
const RecordPayment = parse(
  `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }`,
) as TypedDocumentNode<{ recordPayment: { id: string } }, { input: Record<string, unknown> }>;

// Production budgets for sign-in and register; small refresh budgets so the test reaches them.
const REFRESH_LIMITS = {
  refreshPerAddress: { points: 20, seconds: 600 },
  refreshPerAccount: { points: 5, seconds: 600 },
};
const limits = { ...DEFAULT_AUTH_LIMITS, ...REFRESH_LIMITS };

describe('sign-in abuse through the gateway', () => {
  let system: System;
  let organizer: Actor;
  const work = { hash: 0, verify: 0 };
  const clients: { dispose(): Promise<void> }[] = [];
  const identityDb = () => system.subgraphs.identity!.orm.em.fork().getConnection();
  const count = async (sql: string, params: unknown[] = []) => Number((await identityDb().execute(sql, params))[0].n);
  const at = (ip: string, token?: string) => fromAddress(system.gateway.url, ip, token);

  before(async () => {
    system = await startSystem({
      overrides: {
        identity: {
          authLimits: REFRESH_LIMITS,
          onPasswordWork: (kind: 'hash' | 'verify') => {
            work[kind]++;
          },
        },
      },
    });
    organizer = await signInOrganizer(system);
    await createSeasonAndSite(organizer, system);
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.dispose().catch(() => undefined)));
    await system?.close();
  });

  async function registerAt(ip: string, login: string) {
    const input = { login, password: "the owner's own password", displayName: 'Owner' };
    const result = await at(ip).execute(RegisterDocument, { input });
    assert.equal(result.errors, undefined);
    return { ...input, id: result.data!.register.account.id };
  }

  it('checks at most 10 of 200 parallel wrong passwords from one address, and the owner still signs in from home', async () => {
    const owner = await registerAt('203.0.113.10', 'owner@abuse.test');
    const sessions = await count(`select count(*) as n from refresh_token where account_id = ?`, [owner.id]);
    const before = work.verify;
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        at('198.51.100.7').execute(SignInDocument, { login: owner.login, password: `guess number ${i}` }),
      ),
    );

    const checked = work.verify - before;
    assert.ok(checked >= 1 && checked <= limits.signInPerLoginAndAddress.points, `${checked} passwords were checked`);
    const codes = results.map(codeOf);
    assert.equal(codes.filter((c) => c === 'UNAUTHENTICATED').length, checked);
    assert.equal(codes.filter((c) => c === 'RATE_LIMITED').length, 200 - checked);
    assert.ok(
      results.every((r) => r.data?.signIn == null),
      'no tokens were handed out',
    );
    for (const r of results.filter((r) => codeOf(r) === 'RATE_LIMITED')) {
      assert.ok(
        retryAfterOf(r)! >= 1 && retryAfterOf(r)! <= limits.signInPerLoginAndAddress.seconds,
        JSON.stringify(r.errors),
      );
    }
    assert.equal(
      await count(`select count(*) as n from refresh_token where account_id = ?`, [owner.id]),
      sessions,
      'no session was created',
    );

    assert.equal(
      codeOf(await at('198.51.100.7').execute(SignInDocument, { login: owner.login, password: owner.password })),
      'RATE_LIMITED',
      "the attacker's address waits even with the right password",
    );
    const home = await at('203.0.113.10').execute(SignInDocument, { login: owner.login, password: owner.password });
    assert.equal(home.errors, undefined, 'the owner is not locked out');
  });

  it("holds a botnet of 200 addresses to the login's budget; the owner is slowed only on a new network", async () => {
    const owner = await registerAt('203.0.113.20', 'botnet-target@abuse.test');
    const before = work.verify;
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        at(`10.66.${Math.floor(i / 200)}.${(i % 200) + 1}`).execute(SignInDocument, {
          login: owner.login,
          password: `guess number ${i}`,
        }),
      ),
    );
    const checked = work.verify - before;
    assert.ok(
      checked >= 1 && checked <= limits.signInPerLoginFromNewAddresses.points,
      `${checked} passwords were checked`,
    );
    assert.ok(results.every((r) => ['UNAUTHENTICATED', 'RATE_LIMITED'].includes(codeOf(r)!)));

    assert.equal(
      (await at('203.0.113.20').execute(SignInDocument, { login: owner.login, password: owner.password })).errors,
      undefined,
    );
    const elsewhere = await at('192.0.2.44').execute(SignInDocument, { login: owner.login, password: owner.password });
    assert.equal(codeOf(elsewhere), 'RATE_LIMITED');
    assert.ok(
      retryAfterOf(elsewhere)! <= limits.signInPerLoginFromNewAddresses.seconds,
      "for at most the budget's window",
    );
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy, so rotating it dodges nothing', async () => {
    const owner = await registerAt('203.0.113.30', 'spoofed@abuse.test');
    const direct = await startGateway({
      port: 0,
      host: '127.0.0.1',
      supergraphSdl: system.supergraphSdl,
      trustProxy: 'uniquelocal',
      subgraphUrls: Object.fromEntries(Object.entries(system.subgraphs).map(([name, s]) => [name, s.url])),
      accessTokenSecret: system.secrets.accessTokenSecret,
      internalSecret: system.secrets.internalSecret,
      ...system.redis,
    });
    try {
      const before = work.verify;
      const codes = [];
      for (let i = 0; i < limits.signInPerLoginAndAddress.points + 5; i++) {
        codes.push(
          codeOf(
            await fromAddress(direct.url, `10.77.0.${i + 1}`).execute(SignInDocument, {
              login: owner.login,
              password: `guess ${i}`,
            }),
          ),
        );
      }
      assert.equal(
        work.verify - before,
        limits.signInPerLoginAndAddress.points,
        'every attempt counted against the one real address',
      );
      assert.deepEqual(codes.slice(-5), Array(5).fill('RATE_LIMITED'));
    } finally {
      await direct.close();
    }
  });

  it('refuses 50 aliased registers in one request, hashing nothing and creating no account, even when the gateway lets them through', async (t) => {
    const accounts = await count(`select count(*) as n from account`);
    const hashes = work.hash;
    const aliases = Array.from(
      { length: 50 },
      (_, i) =>
        `r${i}: register(input: { login: "batch${i}@abuse.test", password: "a long batch password", displayName: "Batch ${i}" }) { accessToken }`,
    ).join('\n');
    // Plain aliases (the gateway may refuse them first), and the same inside an inline fragment, which
    // reaches the identity subgraph: its own rule must hold.
    for (const query of [`mutation Batch { ${aliases} }`, `mutation Wrapped { ... on Mutation { ${aliases} } }`]) {
      const received = system.subgraphs.identity!.stats.requests;
      const result = await at('198.51.100.50').raw(query);
      const byIdentity = system.subgraphs.identity!.stats.requests > received;
      t.diagnostic(`${query.slice(0, 15)}: refused by ${byIdentity ? 'the identity subgraph' : 'the gateway'}`);
      if (byIdentity)
        assert.match(result.errors![0]!.message, /staff account per request/, "the identity subgraph's own rule");
      assert.ok(
        ['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED'].includes(codeOf(result)!),
        JSON.stringify(result.errors?.[0]),
      );
      assert.match(result.errors![0]!.message, /one sign-in, regist/i);
      assert.equal(result.data?.r0 ?? null, null);
    }
    assert.equal(work.hash, hashes, 'no password was hashed');
    assert.equal(await count(`select count(*) as n from account`), accounts, 'no account was created');
  });

  it("charges sign-ins sent over a live connection to that client's own address, not to one shared by every live client", async () => {
    const owner = await registerAt('203.0.113.30', 'owner-live@abuse.test');
    const attacker = await registerDonor(system, 'Live guesser');
    const viaProxy = (ip: string) =>
      class extends WebSocket {
        constructor(url: string, protocols?: string | string[]) {
          super(url, protocols, { headers: { 'x-forwarded-for': ip } });
        }
      };
    const live = new QurbaniLive({
      url: system.gateway.url,
      accessToken: attacker.token,
      client: { webSocketImpl: viaProxy('198.51.100.66'), retryAttempts: 0 },
    });
    clients.push(live);
    const guess = (password: string) =>
      live.client.iterate({ query: print(SignInDocument), variables: { login: owner.login, password } }).next();
    const codes = [];
    for (let i = 0; i <= limits.signInPerLoginAndAddress.points; i++)
      codes.push((await guess(`live guess ${i}`)).value?.errors?.[0]?.extensions?.code);
    assert.equal(codes.at(-1), 'RATE_LIMITED', JSON.stringify(codes));

    assert.equal(
      codeOf(await at('198.51.100.66').execute(SignInDocument, { login: owner.login, password: owner.password })),
      'RATE_LIMITED',
      'the guesses were charged to the live client’s address',
    );
    const elsewhere = await at('203.0.113.31').execute(SignInDocument, {
      login: owner.login,
      password: owner.password,
    });
    assert.equal(elsewhere.errors, undefined, 'other addresses are not charged for them');
  });

  it('limits refreshes per account: a stolen refresh token cannot be spun without bound', async () => {
    const donor = await registerDonor(system, 'Refresher');
    let token = donor.refreshToken;
    for (let i = 0; i < limits.refreshPerAccount.points; i++) {
      token = (await at(`10.88.0.${i + 1}`).execute(RefreshSessionDocument, { refreshToken: token })).data!
        .refreshSession.refreshToken;
    }
    const over = await at('10.88.1.1').execute(RefreshSessionDocument, { refreshToken: token });
    assert.equal(codeOf(over), 'RATE_LIMITED');
    assert.ok(retryAfterOf(over)! >= 1);

    const guesses = [];
    for (let i = 0; i < limits.refreshPerAddress.points + 2; i++)
      guesses.push(codeOf(await at('198.51.100.99').execute(RefreshSessionDocument, { refreshToken: `guess-${i}` })));
    assert.deepEqual(guesses.slice(-2), ['RATE_LIMITED', 'RATE_LIMITED']);
    assert.ok(guesses.slice(0, limits.refreshPerAddress.points).every((c) => c === 'UNAUTHENTICATED'));
  });

  it("disableAccount ends a donor's session at once: the next request is UNAUTHENTICATED and the idle live subscription ends without waiting for an event", async () => {
    const donor = await registerDonor(system, 'Soon disabled');
    const order = await placeOrder(donor, 'SHEEP', ['Amina Rahman']);
    const live = liveClient(system.gateway.url, { accessToken: donor.token });
    clients.push(live);
    const watched = record(live, OrderUpdatedDocument, { orderId: order.id });
    await eventually(async () => system.gateway.live.stats.followedSubjects > 0);
    await settle(300);
    assert.ok((await donor.client.request(MeDocument, {})).me.id);

    const disabled = await organizer.client.request(DisableAccountDocument, { accountId: donor.id });
    assert.ok(disabled.disableAccount.disabledAt);
    const me = await donor.client.execute(MeDocument, {});
    assert.equal(me.status, 401);
    assert.equal(codeOf(me), 'UNAUTHENTICATED');

    // The idle subscription ends at once (announced by the identity subgraph), not at the order's next change.
    await watched.ended(3_000);
    assert.equal(
      (watched.errors[0] as { extensions?: { code?: string } }).extensions?.code,
      'UNAUTHENTICATED',
      JSON.stringify(watched.errors),
    );
    await organizer.client.request(RecordPayment, {
      input: {
        orderId: order.id,
        amountMinor: 25_000,
        currency: 'GBP',
        provider: 'bank',
        reference: `ref-${order.id}`,
      },
    });
    await settle(300);
    assert.equal(watched.events.length, 0, 'nothing reached the disabled account');

    assert.equal(
      codeOf(await system.client().execute(RefreshSessionDocument, { refreshToken: donor.refreshToken })),
      'UNAUTHENTICATED',
    );
    const login = (
      await system.subgraphs
        .identity!.orm.em.fork()
        .getConnection()
        .execute(`select id from account where id = ?`, [donor.id])
    ).length;
    assert.equal(login, 1, 'the account is kept, only switched off');

    await organizer.client.request(EnableAccountDocument, { accountId: donor.id });
    assert.equal(
      codeOf(await donor.client.execute(MeDocument, {})),
      'UNAUTHENTICATED',
      'enabling does not revive old sessions',
    );
  });

  it('does not let an organizer disable their own account', async () => {
    const result = await organizer.client.execute(DisableAccountDocument, { accountId: organizer.id });
    assert.equal(codeOf(result), 'FORBIDDEN');
    assert.ok((await organizer.client.request(MeDocument, {})).me.id, 'the organizer is still signed in');
  });
});
