import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ModelClient } from '../src/model/model.client.js';
import { parseModelUrls } from '../src/model/model.urls.js';
import { ModelError, ModelFailure } from '../src/model/model.errors.js';

/** A stand-in model service answering whatever the test sets. */
let reply: (res: http.ServerResponse) => void = (res) => res.end('{}');
let calls = 0;
let authorizations: (string | undefined)[] = [];
const server = http.createServer((req, res) => {
  calls++;
  authorizations.push(req.headers.authorization);
  reply(res);
});
const TOKEN = 'model-client-test-token-0123456789abcdef';
let url = '';
const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  (res: http.ServerResponse) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
const request = { videoPath: '/v.mp4', expectedNames: ['Amina Khan'] };
const client = (extra: Partial<ConstructorParameters<typeof ModelClient>[0]> = {}) =>
  new ModelClient({
    baseUrl: url,
    token: TOKEN,
    timeoutMs: 500,
    breakerFailures: 2,
    halfOpenAfterMs: 300,
    quickRetries: 1,
    ...extra,
  });
const failure = async (p: Promise<unknown>) => {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  assert.ok(error instanceof ModelError, String(error));
  return error;
};

describe('the model client', () => {
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );

  it('sends the service token on every call, health included', async () => {
    authorizations = [];
    reply = json(200, { status: 'ok', service: 'qurbani-model', version: '0.1.0' });
    await client().health();
    reply = json(200, { scene: { result: 'unavailable' }, names: { result: 'pass', perName: [] } });
    await client().analyze(request);
    assert.deepEqual(authorizations, [`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
  });

  it('treats a refused token (401) as a deployment problem for an operator, not an outage', async () => {
    reply = json(401, { error: 'unauthorized', message: 'this service needs its service token' });
    const c = client();
    for (let i = 0; i < 3; i++) assert.equal((await failure(c.analyze(request))).failure, ModelFailure.Refused);
    assert.equal(c.circuit, 'closed');
  });

  it('reports an unusable upload (422) as such, without opening the circuit', async () => {
    reply = json(422, { error: 'no_audio_track', message: 'the video has no audio' });
    const c = client();
    for (let i = 0; i < 3; i++) {
      const e = await failure(c.analyze(request));
      assert.equal(e.failure, ModelFailure.Unusable);
      assert.equal(e.code, 'no_audio_track');
    }
    assert.equal(c.circuit, 'closed');
  });

  it('treats a refused request (404) as a deployment problem, not a verdict', async () => {
    reply = json(404, { error: 'video_not_found', message: 'no file' });
    const e = await failure(client().analyze(request));
    assert.equal(e.failure, ModelFailure.Refused);
  });

  it('opens the circuit after consecutive server errors, stops calling, and closes after a good probe', async () => {
    reply = json(500, { error: 'worker_crashed', message: 'boom' });
    const c = client();
    let recovered = 0;
    c.onRecovered(() => recovered++);
    await failure(c.analyze(request));
    await failure(c.analyze(request));
    assert.equal(c.circuit, 'open');
    assert.equal(c.acceptingWork(), false);
    calls = 0;
    const e = await failure(c.analyze(request));
    assert.equal(e.code, 'circuit_open');
    assert.equal(calls, 0, 'no call while open');
    await new Promise((r) => setTimeout(r, 350));
    assert.equal(c.acceptingWork(), true, 'one probe after halfOpenAfter');
    reply = json(200, { scene: { result: 'unavailable' }, names: { result: 'pass', perName: [] } });
    await c.analyze(request);
    assert.equal(c.circuit, 'closed');
    assert.equal(recovered, 1);
  });

  it('gives up on a call that takes longer than the timeout and counts it as an outage', async () => {
    reply = () => undefined; // never answers
    const e = await failure(client({ timeoutMs: 200 }).analyze(request));
    assert.equal(e.failure, ModelFailure.Unavailable);
    assert.equal(e.code, 'timeout');
    server.closeAllConnections();
    // Let the client's pool see those sockets close, or the next test's first call meets a dead one.
    await new Promise((r) => setTimeout(r, 100));
  });

  it('retries a busy service once quickly and then hands back its Retry-After', async () => {
    reply = json(503, { error: 'busy', message: 'all slots taken' }, { 'retry-after': '7' });
    calls = 0;
    const e = await failure(client().analyze(request));
    assert.equal(e.code, 'busy');
    assert.equal(e.options.retryAfterMs, 7000);
    assert.equal(calls, 1 + 1);
  });

  it('refuses an answer without checks rather than guessing one', async () => {
    reply = json(200, { hello: 'world' });
    const e = await failure(client().analyze(request));
    assert.equal(e.code, 'invalid_response');
  });

  it('calls copies in turn, and passes over one that cannot be reached without failing a call', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const dead = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    reply = json(200, { scene: { result: 'unavailable' }, names: { result: 'pass', perName: [] } });
    calls = 0;
    const c = client({ baseUrl: `${dead}|${url}`, halfOpenAfterMs: 60_000 });
    for (let i = 0; i < 4; i++) await c.analyze(request);
    assert.equal(calls, 4, 'every analysis answered by the live copy');
    assert.equal(c.circuit, 'closed');
    calls = 0;
    const both = client({ baseUrl: `${url}|${url}` });
    await both.analyze(request);
    await both.analyze(request);
    assert.equal(calls, 2, 'one call each, no retries');
  });

  it('takes one URL or several separated by |, and refuses anything else', () => {
    assert.deepEqual(parseModelUrls('http://a:4200'), ['http://a:4200']);
    assert.deepEqual(parseModelUrls('http://a:4200 | https://b'), ['http://a:4200', 'https://b']);
    assert.throws(() => parseModelUrls('ftp://a'), /not an http/);
    assert.throws(() => parseModelUrls('|'), /no model service/);
    assert.throws(() => parseModelUrls('http://a|nonsense'));
  });
});
