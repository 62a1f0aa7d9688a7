import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import jwt from 'jsonwebtoken';
import {
  AddAnimalsDocument,
  MeDocument,
  MyOrdersDocument,
  OrderTrackingDocument,
  PlaceOrderDocument,
  RefreshSessionDocument,
  SacrificeByIdDocument,
  SignInDocument,
  SignOutDocument,
  type ApiResult,
} from '@qurbani/sdk';
import { createSeasonAndSite, registerDonor, signInOrganizer, type Actor } from './support/season.js';
import { ORGANIZER, startSystem, type System } from './support/system.js';

const codeOf = (result: ApiResult<unknown>) => result.errors?.[0]?.extensions?.code;

describe('bad input gets a clear error and changes nothing', () => {
  let system: System;
  let donor: Actor;

  before(async () => {
    system = await startSystem();
    donor = await registerDonor(system);
  });
  after(() => system?.close());

  const orderCount = async () => (await donor.client.request(MyOrdersDocument, { first: 100 })).myOrders.edges.length;

  it('answers a malformed id with BAD_USER_INPUT naming the argument', async () => {
    for (const id of ['42', 'not-an-id', "' or 1=1 --", '']) {
      const result = await donor.client.execute(OrderTrackingDocument, { id });
      assert.equal(codeOf(result), 'BAD_USER_INPUT', `order(id: ${JSON.stringify(id)})`);
      assert.equal(codeOf(await donor.client.execute(SacrificeByIdDocument, { id })), 'BAD_USER_INPUT');
    }
  });

  it('refuses orders with no shares, too many shares, a negative donation, a blank name, a price of their own or an unpriced site, and stores none', async () => {
    const before = await orderCount();
    const bad = [
      { shares: [] },
      { shares: Array.from({ length: 101 }, (_, i) => `Name ${i}`) },
      { shares: ['Amina'], donationMinor: -1 },
      { shares: ['   '] },
      { shares: ['Amina'], amountMinor: 1 },
      { shares: ['Amina'], currency: 'GBP' },
      { shares: ['Amina'], siteId: 'not-an-id' },
      { shares: ['Amina'] },
    ];
    for (const input of bad) {
      const result = await donor.client.execute(PlaceOrderDocument, {
        input: { clientRequestId: randomUUID(), species: 'SHEEP', siteId: randomUUID(), ...input },
      });
      assert.equal(codeOf(result), 'BAD_USER_INPUT', JSON.stringify(input).slice(0, 80));
    }
    assert.equal(await orderCount(), before);
  });

  it('refuses text holding a NUL character (PostgreSQL cannot store it) with a 400, and stores nothing', async () => {
    const before = await orderCount();
    const post = (body: unknown) =>
      fetch(system.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${donor.token}` },
        body: JSON.stringify(body),
      });
    const mutation = 'mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id } } }';
    const input = { clientRequestId: randomUUID(), species: 'SHEEP', siteId: randomUUID(), shares: ['Ami\0na'] };
    const literal = `mutation { placeOrder(input: { clientRequestId: "${randomUUID()}", species: SHEEP, siteId: "${randomUUID()}", shares: ["Ami\\u0000na"] }) { order { id } } }`;
    for (const res of [await post({ query: mutation, variables: { input } }), await post({ query: literal })]) {
      assert.equal(res.status, 400);
      const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
      assert.equal(body.errors[0]!.extensions.code, 'BAD_REQUEST');
      assert.match(body.errors[0]!.message, /NUL/);
    }
    assert.equal(await orderCount(), before);
  });

  it('refuses an animal with a negative weight, and adds none of the batch', async () => {
    const organizer = await signInOrganizer(system);
    const { siteId } = await createSeasonAndSite(organizer, system);
    const result = await organizer.client.execute(AddAnimalsDocument, {
      siteId,
      species: 'SHEEP',
      animals: [
        { tag: 'OK-1', weightKg: 40 },
        { tag: 'BAD-1', weightKg: -3 },
      ],
    });
    assert.equal(codeOf(result), 'BAD_USER_INPUT');
    const again = await organizer.client.request(AddAnimalsDocument, {
      siteId,
      species: 'SHEEP',
      animals: [{ tag: 'OK-1', weightKg: 40 }],
    });
    assert.equal(again.addAnimals.length, 1, 'the valid animal of the refused batch was not kept');
  });

  it('answers 401 UNAUTHENTICATED to a forged, an expired or a garbled token', async () => {
    const claims = { roles: ['ORGANIZER'], sid: randomUUID() };
    const options = {
      subject: donor.id,
      audience: 'qurbani-api',
      issuer: 'qurbani-identity',
      algorithm: 'HS256' as const,
    };
    const forged = jwt.sign(claims, 'not-the-secret-0123456789abcdef0123', { ...options, expiresIn: 300 });
    const expired = jwt.sign(
      { ...claims, exp: Math.floor(Date.now() / 1000) - 10 },
      system.secrets.accessTokenSecret,
      options,
    );
    for (const [token, message] of [
      [forged, /not valid/],
      [expired, /expired/],
      ['garbled', /not valid/],
    ] as const) {
      const result = await system.client(token).execute(MeDocument, {});
      assert.equal(result.status, 401);
      assert.equal(codeOf(result), 'UNAUTHENTICATED');
      assert.match(result.errors![0]!.message, message);
    }
  });

  it('revokes the whole sign-in when a rotated refresh token is used again', async () => {
    const first = await system
      .client()
      .request(SignInDocument, { login: ORGANIZER.login, password: ORGANIZER.password });
    const rotated = await system.client().request(RefreshSessionDocument, { refreshToken: first.signIn.refreshToken });
    const reuse = await system.client().execute(RefreshSessionDocument, { refreshToken: first.signIn.refreshToken });
    assert.equal(codeOf(reuse), 'UNAUTHENTICATED');
    // The thief may hold the newest token: it dies with the family, and so does its access token.
    const newest = await system
      .client()
      .execute(RefreshSessionDocument, { refreshToken: rotated.refreshSession.refreshToken });
    assert.equal(codeOf(newest), 'UNAUTHENTICATED');
    const me = await system.client(rotated.refreshSession.accessToken).execute(MeDocument, {});
    assert.equal(me.status, 401);
  });

  it('ends a sign-in on sign-out: its access token stops working at once', async () => {
    const session = await system
      .client()
      .request(SignInDocument, { login: ORGANIZER.login, password: ORGANIZER.password });
    const client = system.client(session.signIn.accessToken);
    assert.ok((await client.request(MeDocument, {})).me.id);
    await client.request(SignOutDocument, { refreshToken: session.signIn.refreshToken });
    assert.equal(codeOf(await client.execute(MeDocument, {})), 'UNAUTHENTICATED');
  });

  it('has subgraphs refuse any request that did not come through the gateway', async () => {
    for (const subgraph of Object.values(system.subgraphs)) {
      const direct = await fetch(subgraph.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-qurbani-viewer': jwt.sign({ sub: donor.id, roles: ['ORGANIZER'] }, 'guess'),
        },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      assert.equal(direct.status, 401, subgraph.url);
      const bare = await fetch(subgraph.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ __typename }"}',
      });
      assert.equal(bare.status, 401, subgraph.url);
    }
  });
});
