import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  lexicographicSortSchema,
  printSchema,
  type IntrospectionQuery,
} from 'graphql';
import { after, before, describe, it } from 'node:test';
import { startSystem, type System } from './support/system.js';

describe('the gateway surface: explorer, health and limits', () => {
  let system: System;

  before(async () => {
    system = await startSystem();
  });
  after(() => system?.close());

  it('serves GraphiQL at /graphql from local assets only, so it works offline', async () => {
    const response = await fetch(system.gateway.url, { headers: { accept: 'text/html' } });
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.match(html, /graphiql/i);
    const external = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="(https?:[^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(external, [], 'no script or stylesheet may come from the internet');
  });

  it('is live, and ready only while every subgraph and its database answer', async () => {
    const base = system.gateway.url.replace(/\/graphql$/, '');
    assert.equal((await fetch(`${base}/health/live`)).status, 200);
    const ready = await fetch(`${base}/health/ready`);
    assert.equal(ready.status, 200);
    const body = (await ready.json()) as { subgraphs: Record<string, string> };
    assert.deepEqual(Object.keys(body.subgraphs).sort(), [
      'delivery',
      'donor',
      'identity',
      'sacrifice',
      'skin',
      'video',
    ]);

    await system.subgraphs.skin!.close();
    const degraded = await fetch(`${base}/health/ready`);
    assert.equal(degraded.status, 503);
    assert.equal(((await degraded.json()) as { subgraphs: Record<string, string> }).subgraphs.skin, 'unavailable');
  });

  it('refuses queries nested deeper than a client needs before running them', async () => {
    let selection = 'id';
    for (let i = 0; i < 10; i++) selection = `sacrifices(first: 1) { edges { node { orders { ${selection} } } } }`;
    system.resetCounters();
    const response = await fetch(system.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ myOrders { edges { node { ${selection} } } } }` }),
    });
    const body = (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
    assert.match((body.errors ?? []).map((e) => e.message).join('\n'), /depth limit of 14/);
    assert.equal(system.subgraphs.donor!.stats.requests, 0);
  });

  it('introspects over HTTP as the same API schema that graphql-ws executes, subscriptions included', async () => {
    const response = await fetch(system.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: getIntrospectionQuery({ specifiedByUrl: true }) }),
    });
    const { data } = (await response.json()) as { data: IntrospectionQuery };
    const served = printSchema(lexicographicSortSchema(buildClientSchema(data)));
    const committed = printSchema(
      lexicographicSortSchema(
        buildSchema(readFileSync(new URL('../../../schema/api.graphql', import.meta.url), 'utf8')),
      ),
    );
    assert.equal(served, committed);
    assert.ok(buildClientSchema(data).getSubscriptionType()?.getFields().orderUpdated);
  });

  it('answers a subscription sent over HTTP with where to send it', async () => {
    const response = await fetch(system.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'subscription { notificationAdded { id } }' }),
    });
    const body = (await response.json()) as { errors?: { message: string }[] };
    assert.equal(response.status, 400);
    assert.match(body.errors?.[0]?.message ?? '', /WebSocket/);
  });
});
