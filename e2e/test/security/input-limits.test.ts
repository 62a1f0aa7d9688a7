import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { getIntrospectionQuery } from 'graphql';
import WebSocket from 'ws';
import { startReplica } from '../support/live.js';
import { registerDonor } from '../support/season.js';
import { startSystem, type System } from '../support/system.js';

type Body = { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };

const post = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
};

describe('every input the gateway reads is bounded', () => {
  let system: System;
  let token: string;
  const subgraphRequests = () => Object.values(system.subgraphs).reduce((sum, s) => sum + s.stats.requests, 0);

  before(async () => {
    system = await startSystem();
    token = (await registerDonor(system)).token;
  });
  after(() => system?.close());

  it('answers malformed JSON with a JSON error and no stack trace or file path', async () => {
    for (const body of ['{"query": "{ me { id } }"', '{"query":', 'not json at all', '{"query": "\u0000"}x']) {
      const answer = await post(system.gateway.url, body);
      assert.equal(answer.status, 400, body);
      assert.doesNotMatch(answer.text, /at [A-Za-z.]+ \(|\/work\/|node_modules|SyntaxError|<html/i);
      assert.equal((JSON.parse(answer.text) as Body).errors?.[0]?.extensions?.code, 'BAD_REQUEST');
    }
  });

  it('stops parsing a document after the token budget', async () => {
    system.resetCounters();
    const query = `{ ${Array.from({ length: 5000 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    const answer = await post(system.gateway.url, { query });
    const body = JSON.parse(answer.text) as Body;
    assert.match(body.errors?.[0]?.message ?? '', /Token limit/i);
    assert.equal(subgraphRequests(), 0);
  });

  it('refuses queries nested or aliased beyond what an app needs, and over the cost budget', async () => {
    system.resetCounters();
    let selection = 'id';
    for (let i = 0; i < 10; i++) selection = `sacrifices(first: 1) { edges { node { orders { ${selection} } } } }`;
    const deep = JSON.parse(
      (
        await post(
          system.gateway.url,
          { query: `{ myOrders { edges { node { ${selection} } } } }` },
          { authorization: `Bearer ${token}` },
        )
      ).text,
    ) as Body;
    const messages = (deep.errors ?? []).map((e) => e.message).join('\n');
    assert.match(messages, /depth limit of 14/);
    assert.match(messages, /Cost limit of 50000/);
    const aliases = `{ ${Array.from({ length: 60 }, (_, i) => `o${i}: myOrders { totalCount }`).join(' ')} }`;
    const aliased = JSON.parse(
      (await post(system.gateway.url, { query: aliases }, { authorization: `Bearer ${token}` })).text,
    ) as Body;
    assert.match((aliased.errors ?? []).map((e) => e.message).join('\n'), /Aliases limit/i);
    assert.equal(subgraphRequests(), 0);
  });

  it("lets the explorer's own introspection query through in development", async () => {
    const answer = JSON.parse((await post(system.gateway.url, { query: getIntrospectionQuery() })).text) as Body & {
      data?: { __schema?: { queryType?: { name: string } } };
    };
    assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
    assert.equal(answer.data?.__schema?.queryType?.name, 'Query');
  });

  it('hashes at most one password per request: fifty aliased sign-ins are refused before any', async () => {
    system.resetCounters();
    const query = `mutation { ${Array.from({ length: 50 }, (_, i) => `s${i}: signIn(login: "x${i}@example.org", password: "wrong password") { accessToken }`).join(' ')} }`;
    const body = JSON.parse((await post(system.gateway.url, { query })).text) as Body;
    assert.match(body.errors?.[0]?.message ?? '', /one sign-in, registration or session refresh per request/);
    assert.equal(system.subgraphs.identity!.stats.requests, 0);
  });

  it('closes a WebSocket that sends a 100 MiB frame after reading only its header', async () => {
    const port = Number(new URL(system.gateway.url).port);
    const rssBefore = process.memoryUsage().rss;
    const socket = net.connect({ host: '127.0.0.1', port });
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(
      'GET /graphql HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n',
    );
    await new Promise<void>((resolve) => socket.once('data', () => resolve()));
    // A masked text frame declaring 100 MiB, then data until the gateway hangs up.
    const header = Buffer.alloc(14);
    header[0] = 0x81;
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(100 * 1024 * 1024), 2);
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    let sent = 0;
    let closed = false;
    socket.on('close', () => {
      closed = true;
    });
    socket.on('error', () => {
      closed = true;
    });
    socket.write(header);
    while (!closed && sent < 100 * 1024 * 1024) {
      if (!socket.write(chunk)) await new Promise((resolve) => setTimeout(resolve, 20));
      sent += chunk.length;
      await new Promise((resolve) => setImmediate(resolve));
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(closed, 'the gateway must close the connection');
    assert.ok(sent < 32 * 1024 * 1024, `the gateway read ${sent} bytes before closing`);
    assert.ok(process.memoryUsage().rss - rssBefore < 64 * 1024 * 1024, 'memory stays flat');
  });

  it('parses nothing a live client sends before it has shown a token', async () => {
    const port = Number(new URL(system.gateway.url).port);
    const ws = new WebSocket(`ws://127.0.0.1:${port}/graphql`, 'graphql-transport-ws');
    const messages: { type: string; payload?: { message?: string; extensions?: { code?: string } }[] }[] = [];
    await new Promise<void>((resolve) => ws.once('open', () => resolve()));
    ws.on('message', (data) => messages.push(JSON.parse(String(data))));
    ws.send(JSON.stringify({ type: 'connection_init', payload: {} }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: `{ ${'__typename '.repeat(4000)} }` } }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    ws.close();
    const refusal = messages.find((m) => m.type === 'error');
    assert.equal(refusal?.payload?.[0]?.extensions?.code, 'UNAUTHENTICATED');
  });

  it('sets security headers and allows cross-origin calls from listed apps only', async () => {
    const answer = await fetch(system.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    assert.equal(answer.headers.get('x-content-type-options'), 'nosniff');
    assert.match(answer.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    assert.equal(answer.headers.get('access-control-allow-origin'), null);
    const replica = await startReplica(system, { corsOrigins: ['https://donate.charity.example'] });
    try {
      const preflight = await fetch(replica.url, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://donate.charity.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
      assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://donate.charity.example');
      const refused = await fetch(replica.url, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      });
      assert.equal(refused.headers.get('access-control-allow-origin'), null);
    } finally {
      await replica.close();
    }
  });

  it('rate-limits anonymous callers per IP and signed-in ones per account, before any subgraph work', async () => {
    // Its own counters: the other tests' requests must not count here.
    const replica = await startReplica(system, {
      redisPrefix: `${system.redis.redisPrefix}limits:`,
      rateLimits: {
        anonymous: { points: 5, duration: 60 },
        account: { points: 8, duration: 60 },
        positions: { points: 1, duration: 60 },
        uploads: { points: 1, duration: 60 },
      },
    });
    try {
      system.resetCounters();
      const anonymous = await Promise.all(
        Array.from({ length: 20 }, () => post(replica.url, { query: '{ seasons { id } }' })),
      );
      assert.equal(anonymous.filter((a) => a.status === 429).length, 15);
      const limited = anonymous.find((a) => a.status === 429)!;
      assert.ok(Number(limited.headers.get('retry-after')) > 0);
      assert.equal((JSON.parse(limited.text) as Body).errors?.[0]?.extensions?.code, 'RATE_LIMITED');
      const signedIn = await Promise.all(
        Array.from({ length: 20 }, () =>
          post(replica.url, { query: '{ me { id } }' }, { authorization: `Bearer ${token}` }),
        ),
      );
      assert.equal(signedIn.filter((a) => a.status === 429).length, 12);
      assert.ok(system.subgraphs.identity!.stats.requests <= 8);

      // Routes outside GraphQL spend their own budgets: positions per driver, uploads per executor.
      const base = new URL(replica.url).origin;
      const auth = { authorization: `Bearer ${token}` };
      const positions = () => post(`${base}/positions`, { routeId: 'r', points: [] }, auth);
      const uploads = () =>
        fetch(`${base}/uploads/videos`, { method: 'POST', headers: { ...auth, 'tus-resumable': '1.0.0' } });
      await Promise.all([positions(), uploads()]);
      const delivery = system.subgraphs.delivery!.stats.received;
      const video = system.subgraphs.video!.stats.received;
      const [positionRefused, uploadRefused] = await Promise.all([positions(), uploads()]);
      assert.equal(positionRefused.status, 429);
      assert.equal((JSON.parse(positionRefused.text) as Body).errors?.[0]?.extensions?.code, 'RATE_LIMITED');
      assert.equal(uploadRefused.status, 429);
      assert.ok(Number(uploadRefused.headers.get('retry-after')) > 0);
      assert.equal(system.subgraphs.delivery!.stats.received, delivery, 'nothing forwarded once the budget is spent');
      assert.equal(system.subgraphs.video!.stats.received, video);
    } finally {
      await replica.close();
    }
  });

  it('counts new live connections per client address, as HTTP does behind a trusted proxy', async () => {
    const replica = await startReplica(system, {
      redisPrefix: `${system.redis.redisPrefix}live-limits:`,
      rateLimits: { liveConnections: { points: 2, duration: 60 } },
    });
    const url = replica.url.replace(/^http/, 'ws');
    // Resolves with the HTTP status of a refused upgrade, or 101 once the socket opens.
    const connect = (client: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url, 'graphql-transport-ws', { headers: { 'x-forwarded-for': client } });
        ws.once('open', () => {
          ws.close();
          resolve(101);
        });
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.once('error', () => resolve(0));
      });
    try {
      assert.deepEqual(
        [await connect('198.51.100.1'), await connect('198.51.100.1'), await connect('198.51.100.1')],
        [101, 101, 429],
      );
      assert.equal(await connect('198.51.100.2'), 101, 'another client behind the same proxy has its own budget');
    } finally {
      await replica.close();
    }
  });
});
