import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { rawRequest } from '../support/raw-http.js';
import { registerDonor } from '../support/season.js';
import { startSystem, type System } from '../support/system.js';

/** Every request any subgraph received, whatever the route. */
const received = (system: System) => Object.values(system.subgraphs).reduce((sum, s) => sum + s.stats.received, 0);

describe('the gateway cannot be steered to a subgraph or another host', () => {
  let system: System;
  let port: number;
  let bystander: http.Server;
  let bystanderHits = 0;
  let bystanderPort: number;
  let token: string;

  before(async () => {
    system = await startSystem();
    port = Number(new URL(system.gateway.url).port);
    token = (await registerDonor(system)).token;
    // Another service on this machine, which the gateway must never reach for a client.
    bystander = http.createServer((_req, res) => {
      bystanderHits++;
      res.end('internal secret page');
    });
    await new Promise<void>((resolve) => bystander.listen(0, '127.0.0.1', resolve));
    bystanderPort = (bystander.address() as AddressInfo).port;
  });
  after(async () => {
    bystander?.close();
    await system?.close();
  });

  const escapes = [
    '/media/%2e%2e/graphql?query=%7B_service%7Bsdl%7D%7D',
    '/media/%2E%2E/graphql?query=%7B_service%7Bsdl%7D%7D',
    '/media/..%2fgraphql',
    '/media/..%2Fgraphql',
    '/media/%252e%252e/graphql',
    '/media/../graphql',
    '/media/./../graphql',
    '/media/..\\graphql',
    '/media/%5c..%5cgraphql',
    '/media/.%2e/graphql',
    '/uploads/videos/..%2f..%2fgraphql',
    '/uploads/videos/../../graphql',
    '/uploads/videos/%2e%2e',
    '/uploads/videos/0190a0b2-0000-7000-8000-000000000000/..',
    '//127.0.0.1/graphql',
    '/media/%00/graphql',
  ];

  it('refuses every encoding of a path escape with 400 before a byte is forwarded', async () => {
    const before = received(system);
    for (const target of escapes) {
      for (const method of ['GET', 'POST', 'PATCH', 'HEAD']) {
        const answer = await rawRequest(port, method, target, {
          authorization: `Bearer ${token}`,
          'apollo-require-preflight': '1',
          'tus-resumable': '1.0.0',
        });
        assert.ok([400, 404].includes(answer.status), `${method} ${target} answered ${answer.status}`);
        assert.doesNotMatch(answer.body, /_service|sdl|type Query/);
      }
    }
    assert.equal(received(system), before, 'no subgraph may receive any of these requests');
  });

  it('refuses absolute-form targets, so nothing reaches another host or port', async () => {
    const before = received(system);
    const targets = [
      `http://127.0.0.1:${bystanderPort}/media/../health`,
      `http://127.0.0.1:${bystanderPort}/`,
      `http://127.0.0.1:${new URL(system.subgraphs.identity!.url).port}/graphql`,
      `http://127.0.0.1:${bystanderPort}/uploads/videos`,
    ];
    for (const target of targets) {
      const answer = await rawRequest(port, 'GET', target);
      assert.equal(answer.status, 400, target);
      assert.doesNotMatch(answer.body, /internal secret page/);
    }
    assert.equal(bystanderHits, 0);
    assert.equal(received(system), before);
  });

  it('forwards a forged playback path nowhere: only signed media shapes reach the video service', async () => {
    const before = received(system);
    for (const target of [
      '/media/health/ready',
      '/media/graphql',
      '/media/x/original/1/sig/a.mp4',
      '/media/0190a0b2-0000-7000-8000-000000000000/secret/9999999999/abc/x',
    ]) {
      const answer = await rawRequest(port, 'GET', target);
      assert.equal(answer.status, 404, target);
    }
    assert.equal(received(system), before);
  });

  it("never forwards the client's cookies, authorization or a forged viewer header to the video service", async () => {
    const seen: http.IncomingHttpHeaders[] = [];
    const probe = http.createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    // Point the gateway's upload route at the probe for this one request by a second gateway.
    const { startGateway } = await import('@qurbani/gateway');
    const probeUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}/graphql`;
    const gateway = await startGateway({
      port: 0,
      host: '127.0.0.1',
      supergraphSdl: system.supergraphSdl,
      subgraphUrls: {
        ...Object.fromEntries(Object.entries(system.subgraphs).map(([n, s]) => [n, s.url])),
        video: probeUrl,
      },
      accessTokenSecret: system.secrets.accessTokenSecret,
      internalSecret: system.secrets.internalSecret,
      ...system.redis,
    });
    try {
      const response = await fetch(gateway.url.replace('/graphql', '/uploads/videos'), {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          cookie: 'session=1',
          'x-qurbani-viewer': 'forged',
          'x-internal': 'yes',
          'tus-resumable': '1.0.0',
          'upload-length': '10',
        },
      });
      assert.equal(response.status, 204);
      assert.equal(seen.length, 1);
      const headers = seen[0]!;
      assert.equal(headers.cookie, undefined);
      assert.equal(headers.authorization, undefined);
      assert.equal(headers['x-internal'], undefined);
      assert.notEqual(headers['x-qurbani-viewer'], 'forged');
      assert.equal(headers['tus-resumable'], '1.0.0');
    } finally {
      await gateway.close();
      probe.close();
    }
  });

  it('answers a subgraph only for POSTs signed by the gateway', async () => {
    const identity = system.subgraphs.identity!.url;
    const get = await fetch(`${identity}?query=%7B__typename%7D`);
    assert.equal(get.status, 405);
    const post = await fetch(identity, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ _service { sdl } }' }),
    });
    assert.equal(post.status, 401);
    assert.doesNotMatch(await post.text(), /type Query/);
  });
});
