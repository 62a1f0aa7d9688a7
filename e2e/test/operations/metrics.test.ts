import { eventually } from '@qurbani/kit/testing';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parsePrometheusText, total } from '../support/prometheus-text.js';
import { createSeasonAndSite, placeOrder, registerDonor, signInOrganizer } from '../support/season.js';
import { startSystem, type System } from '../support/system.js';

describe('what an operator sees: metrics, readiness and request ids', () => {
  let system: System;
  before(async () => {
    system = await startSystem();
    await createSeasonAndSite(await signInOrganizer(system), system);
  });
  after(async () => {
    await system?.close();
  });

  const base = (url: string) => url.replace(/\/graphql$/, '');
  const scrape = async (url: string) => {
    const response = await fetch(`${url}/metrics`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/plain/);
    return parsePrometheusText(await response.text());
  };

  it('every service exports its series on /metrics, and they move after an order is placed', async () => {
    const gatewayOps = system.gateway.operationsUrl!;
    const before = await scrape(gatewayOps);
    const donor = await registerDonor(system, 'Metrics Donor');
    await placeOrder(donor, 'SHEEP', ['Amina Rahman']);

    await eventually(async () => {
      const sacrifice = await scrape(base(system.subgraphs.sacrifice!.url));
      return total(sacrifice, 'events_consumed_total', { durable: 'sacrifice-order-placed', outcome: 'handled' }) >= 1;
    });
    const gateway = await scrape(gatewayOps);
    const placed = { operation: 'PlaceOrder', type: 'mutation', outcome: 'ok' };
    assert.equal(
      total(gateway, 'graphql_operations_total', placed) - total(before, 'graphql_operations_total', placed),
      1,
    );
    assert.ok(total(gateway, 'http_requests_total', { route: '/graphql', status: '200' }) >= 2);
    assert.ok(gateway.some((s) => s.name === 'http_request_duration_seconds_bucket' && s.labels.service === 'gateway'));

    const donorMetrics = await scrape(base(system.subgraphs.donor!.url));
    assert.ok(total(donorMetrics, 'events_published_total', { subject: 'order.placed' }) >= 1);
    assert.ok(total(donorMetrics, 'graphql_operations_total', { type: 'mutation', outcome: 'ok' }) >= 1);
    assert.ok(donorMetrics.some((s) => s.name === 'outbox_backlog'));
    assert.ok(donorMetrics.some((s) => s.name === 'outbox_oldest_age_seconds'));

    const sacrifice = await scrape(base(system.subgraphs.sacrifice!.url));
    const lag = sacrifice.find((s) => s.name === 'consumer_lag' && s.labels.durable === 'sacrifice-order-placed');
    assert.ok(lag, 'the consumer lag of every durable is exported');
    assert.ok(
      sacrifice.every((s) => s.labels.service === 'sacrifice'),
      'each subgraph shows only its own series',
    );

    for (const [name, subgraph] of Object.entries(system.subgraphs)) {
      const samples = await scrape(base(subgraph.url));
      assert.ok(
        samples.some((s) => s.name === 'process_cpu_seconds_total'),
        `${name} exports process metrics`,
      );
    }
  });

  it('readiness lists each dependency a service needs', async () => {
    const identity = await fetch(`${base(system.subgraphs.identity!.url)}/health/ready`);
    assert.equal(identity.status, 200);
    assert.deepEqual(((await identity.json()) as { checks: object }).checks, {
      database: 'ok',
      nats: 'ok',
      redis: 'ok',
    });
    const delivery = (await (await fetch(`${base(system.subgraphs.delivery!.url)}/health/ready`)).json()) as {
      checks: object;
    };
    assert.deepEqual(delivery.checks, { database: 'ok', nats: 'ok', redis: 'ok' });
    const gateway = await fetch(`${system.gateway.operationsUrl}/health/ready`);
    const body = (await gateway.json()) as { status: string; checks: Record<string, string> };
    assert.equal(gateway.status, 200, JSON.stringify(body));
    assert.equal(body.checks.redis, 'ok');
    assert.equal(body.checks['subgraph:video'], 'ok');
  });

  it('answers every API request with a request id, keeping a plain one the client sent and replacing any other', async () => {
    const ask = (id?: string) =>
      fetch(system.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(id ? { 'x-request-id': id } : {}) },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
    assert.equal((await ask('client-chosen-id-1234')).headers.get('x-request-id'), 'client-chosen-id-1234');
    const forged = (await ask('bad id\nwith a newline that forges a log line'.replace('\n', ' '))).headers.get(
      'x-request-id',
    );
    assert.match(forged ?? '', /^[0-9a-f-]{36}$/);
    assert.match((await ask()).headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
  });

  it('keeps /metrics off the public port', async () => {
    const response = await fetch(`${base(system.gateway.url)}/metrics`);
    assert.notEqual(response.status, 200);
  });
});
