import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { currentTraceparent, tracingFor, withTraceparent } from '../src/index.js';

// One process, so the order matters: the service made before the endpoint is set stays off.
test('tracing is off, and a pass-through, without an OTLP endpoint', async () => {
  delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  delete process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  const off = tracingFor('untraced');
  assert.equal(off.on, false);
  assert.equal(await off.span('x', async () => currentTraceparent()), undefined, 'no span, no context');
  assert.deepEqual(withTraceparent({ a: '1' }), { a: '1' });
});

test('with an endpoint, spans continue the caller and reach it as OTLP/HTTP JSON', async () => {
  const bodies: { path?: string; type?: string; body: string }[] = [];
  const receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      bodies.push({ path: req.url, type: req.headers['content-type'], body });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  try {
    const tracing = tracingFor('unit-service');
    assert.equal(tracing.on, true);
    const parent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const inner = await tracing.span('outer', () => tracing.span('inner', async () => currentTraceparent()), {
      parent,
      kind: 'consumer',
    });
    assert.match(inner ?? '', /^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
    await assert.rejects(
      tracing.span('failing', async () => Promise.reject(new Error('boom'))),
      /boom/,
    );
    await tracing.flush();
    assert.equal(bodies.length >= 1, true);
    assert.equal(bodies[0]!.path, '/v1/traces');
    assert.match(bodies[0]!.type ?? '', /json/);
    const text = bodies.map((b) => b.body).join('');
    assert.match(text, /"stringValue":"unit-service"/);
    for (const name of ['outer', 'inner', 'failing']) assert.ok(text.includes(`"name":"${name}"`), name);
    assert.ok(text.includes('4bf92f3577b34da6a3ce929d0e0e4736'), 'the caller’s trace id');
  } finally {
    delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
});
