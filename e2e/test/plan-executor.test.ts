import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { print } from 'graphql';
import { MyOrdersTrackingDocument, OrderTrackingDocument } from '@qurbani/sdk';
import { startReplica } from './support/live.js';
import { parsePrometheusText, total } from './support/prometheus-text.js';
import { registerDonor, type Actor } from './support/season.js';
import { startSystem, type System } from './support/system.js';
import { allocatedOrder, deliveryOnItsWay, trackingWorld, type TrackingWorld } from './support/tracking.js';

// Aliases, __typename under other names, @skip/@include from variables (one defaulted) and literals,
// a field asked twice through fragments, and fields of four subgraphs below the first fetch.
const SHAPES = `query Shapes($id: ID!, $withPacks: Boolean!, $hideSite: Boolean = true) {
  kind: __typename
  order(id: $id) {
    __typename
    ident: id
    ...Basics
    status @include(if: false)
    sacrifices(first: 3) {
      edges {
        cursor
        node {
          id
          t: __typename
          ... on Sacrifice @include(if: $withPacks) { meatPacks { id status delivery { status } } }
          site @skip(if: $hideSite) { name }
          again: site { id timeZone }
          animal { tag species }
          executor { displayName who: id }
          video { status }
          hide { status }
        }
      }
    }
  }
}
fragment Basics on Order { id species shares { index offeredFor } shareCount }`;

// Refused by the sacrifice subgraph inside `_entities`: the error's path is mapped back to the order's.
const TOO_MANY = `query($first: Int) {
  myOrders(first: 5) { edges { node { id sacrifices(first: $first) { edges { node { id } } } } } }
}`;

// Names Object.prototype has: the gateway's answers are plain objects, so it leaves these to @apollo/gateway.
const PROTOTYPE_NAMES = `query($id: ID!) { order(id: $id) { constructor: id toString: status __proto__: species } }`;

const INTROSPECTION_AND_DATA = `{ __schema { queryType { name } } myOrders(first: 1) { edges { cursor } } }`;

const TWO_OPERATIONS = `query Count { myOrders(first: 1) { edges { cursor } } }
mutation Never { signOut(refreshToken: "never sent") }`;

/** What Apollo Server sets on an answer (the perimeter's headers are the same for both routes). */
const COMPARED_HEADERS = ['content-type', 'content-length', 'cache-control'];

interface Case {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  accept?: string;
  as: () => Actor;
  /** Left to Apollo Server's request pipeline, not the gateway's plain-query route. */
  apolloRoute?: boolean;
}

/**
 * The gateway's own query-plan executor against @apollo/gateway's, on the same subgraphs and data:
 * every answer (data, errors with their paths and codes, and value-completion extensions) must be
 * the same, byte for byte: fields in the same order too.
 */
describe("the gateway's own plan executor answers as @apollo/gateway's does", () => {
  let system: System;
  let apollos: Awaited<ReturnType<typeof startReplica>>;
  let world: TrackingWorld;
  let donor: Actor;
  let other: Actor;
  let orderId: string;
  const cases: Case[] = [];

  before(async () => {
    system = await startSystem();
    apollos = await startReplica(system, { planExecutor: 'apollo' });
    world = await trackingWorld(system);
    const allocated = await allocatedOrder(system, world);
    donor = allocated.donor;
    orderId = allocated.orderId;
    await deliveryOnItsWay(world, allocated.sacrificeId);
    other = await registerDonor(system, 'Other');
    const tracking = print(MyOrdersTrackingDocument);
    const oneOrder = print(OrderTrackingDocument);
    cases.push(
      { name: "the donor's tracking screen", query: tracking, variables: { first: 20 }, as: () => donor },
      { name: 'one order, by id', query: oneOrder, variables: { id: orderId }, as: () => donor },
      {
        name: 'an organizer reading the same order',
        query: oneOrder,
        variables: { id: orderId },
        as: () => world.organizer,
      },
      { name: "another donor's order (refused)", query: oneOrder, variables: { id: orderId }, as: () => other },
      {
        name: 'an order that does not exist',
        query: oneOrder,
        variables: { id: '00000000-0000-4000-8000-000000000000' },
        as: () => donor,
      },
      { name: 'a malformed id', query: oneOrder, variables: { id: 'not-an-id' }, as: () => donor },
      {
        name: 'a variable of the wrong type',
        query: tracking,
        variables: { first: 'twenty' },
        as: () => donor,
        apolloRoute: true,
      },
      { name: 'a missing required variable', query: oneOrder, variables: {}, as: () => donor, apolloRoute: true },
      {
        name: 'aliases, skip and include, repeated fields',
        query: SHAPES,
        variables: { id: orderId, withPacks: true },
        as: () => donor,
      },
      {
        name: 'the same with the other branches',
        query: SHAPES,
        variables: { id: orderId, withPacks: false, hideSite: false },
        as: () => donor,
      },
      {
        name: 'a page size refused below the first fetch',
        query: TOO_MANY,
        variables: { first: 1000 },
        as: () => donor,
      },
      {
        name: 'introspection next to data (left to @apollo/gateway)',
        query: INTROSPECTION_AND_DATA,
        as: () => donor,
        apolloRoute: true,
      },
      {
        name: 'response names Object.prototype has (left to @apollo/gateway)',
        query: PROTOTYPE_NAMES,
        variables: { id: orderId },
        as: () => donor,
        apolloRoute: true,
      },
      { name: 'an empty list of orders', query: tracking, variables: { first: 5 }, as: () => other },
      {
        name: 'the query of a document with a mutation',
        query: TWO_OPERATIONS,
        operationName: 'Count',
        as: () => donor,
      },
      { name: 'no operation named', query: TWO_OPERATIONS, as: () => donor, apolloRoute: true },
      { name: 'a field that does not exist', query: '{ myOrders { nope } }', as: () => donor, apolloRoute: true },
      {
        name: 'an answer asked as application/graphql-response+json',
        query: oneOrder,
        variables: { id: orderId },
        accept: 'application/graphql-response+json',
        as: () => donor,
        apolloRoute: true,
      },
    );
  });
  after(async () => {
    await apollos?.close();
    await system?.close();
  });

  const ask = async (url: string, c: Case) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${c.as().token}`,
        ...(c.accept ? { accept: c.accept } : {}),
      },
      body: JSON.stringify({ query: c.query, variables: c.variables, operationName: c.operationName }),
    });
    const text = await response.text();
    const headers = Object.fromEntries(COMPARED_HEADERS.map((name) => [name, response.headers.get(name)]));
    return { status: response.status, headers, text, body: JSON.parse(text) as unknown };
  };

  it('gives the same answer to every case, and runs the plans itself', async () => {
    const routed = cases.filter((c) => !c.apolloRoute).length;
    const scrape = async () =>
      parsePrometheusText(await (await fetch(`${system.gateway.operationsUrl}/metrics`)).text());
    const before = await scrape();
    const answers = new Map<string, unknown>();
    for (const c of cases) {
      const ours = await ask(system.gateway.url, c);
      const theirs = await ask(apollos.url, c);
      assert.deepEqual(ours, theirs, c.name);
      answers.set(c.name, ours.body);
    }
    // The refusal came from the second fetch, and its path names the order it belongs to.
    const unnamed = answers.get('no operation named') as { errors?: { message: string; extensions: unknown }[] };
    assert.deepEqual(unnamed.errors?.[0], {
      message: 'Must provide operation name if query contains multiple operations.',
      extensions: { code: 'OPERATION_RESOLUTION_FAILURE' },
    });
    const refused = answers.get('a page size refused below the first fetch') as { errors?: { path?: unknown[] }[] };
    assert.deepEqual(refused.errors?.[0]?.path?.slice(0, 5), ['myOrders', 'edges', 0, 'node', 'sacrifices']);
    const tracked = await ask(system.gateway.url, cases[0]!);
    const orders = (tracked.body as { data: { myOrders: { edges: { node: { sacrifices: { edges: unknown[] } } }[] } } })
      .data.myOrders.edges;
    assert.equal(orders.length, 1, 'the donor sees their order');
    assert.equal(orders[0]!.node.sacrifices.edges.length, 1, 'with its sacrifice from the next subgraph');
    const named = answers.get('response names Object.prototype has (left to @apollo/gateway)') as {
      data: { order: Record<string, unknown> };
    };
    assert.equal(Object.getOwnPropertyDescriptor(named.data.order, 'constructor')?.value, orderId);
    assert.equal(typeof Object.getOwnPropertyDescriptor(named.data.order, '__proto__')?.value, 'string');
    const after = await scrape();
    const runs = (executor: string) =>
      total(after, 'query_plans_run', { executor }) - total(before, 'query_plans_run', { executor });
    // Every case but the introspection and the prototype's names, and the tracking screen asked once
    // more, ran on our executor. Two never reach an executor: no operation named, and a field that does not exist.
    assert.equal(runs('own'), cases.length - 2 - 2 + 1);
    assert.equal(
      runs('apollo'),
      2,
      "only the introspection with data and the prototype's names went to @apollo/gateway",
    );
    const plain = total(after, 'plain_queries_answered') - total(before, 'plain_queries_answered');
    assert.equal(plain, routed + 1, "valid queries asking for JSON skip Apollo Server's pipeline");
  });
});
