// `npm run bench:telemetry`: what telemetry costs the gateway. Two copies of our gateway over the same
// subgraphs in the same run, measured in alternating rounds with a small two-subgraph query: "on" with
// request metrics and OpenTelemetry tracing exported over OTLP/HTTP (to a sink in this process that
// only counts uploads), "off" with neither (GATEWAY_REQUEST_METRICS=false, no OTLP endpoint). The
// subgraphs trace in neither case, so only the gateway's own cost differs. See BENCHMARKS.md.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '../scripts/seed/api.mjs';
import { signIn } from '../scripts/seed/people.mjs';
import { BENCH_ORGANIZER } from './lib/fixture.mjs';
import { measure } from './lib/load.mjs';
import { startOurGateway, startSubgraphHost, writeSupergraph } from './lib/processes.mjs';
import { runSettings, teardown } from './lib/resources.mjs';

// Two subgraphs in one plan (identity, sacrifice): a token check, a plan, two fetches, the metrics
// and spans of each. Needs no fixture beyond the organizer every subgraph host starts with.
const QUERY = 'query Bench { me { id displayName roles } seasons(first: 5) { edges { node { id } } } }';

const setting = (name, fallback) => Number(process.env[name] ?? fallback);
const CONFIG = {
  connections: setting('BENCH_CONNECTIONS', 10),
  seconds: setting('BENCH_SECONDS', 6),
  rounds: setting('BENCH_ROUNDS', 4),
};

/** An OTLP endpoint that accepts and counts span uploads (a collector's network cost, not its work). */
async function otlpSink() {
  const sink = { uploads: 0, bytes: 0 };
  const server = http.createServer((req, res) => {
    req.on('data', (c) => (sink.bytes += c.length));
    req.on('end', () => {
      sink.uploads++;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  sink.url = `http://127.0.0.1:${server.address().port}`;
  sink.close = () => new Promise((resolve) => server.close(resolve));
  return sink;
}

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main() {
  const settings = runSettings();
  const dir = mkdtempSync(join(tmpdir(), 'qurbani-bench-telemetry-'));
  const running = [];
  const sink = await otlpSink();
  const saved = { ...process.env };
  try {
    const host = await startSubgraphHost(settings, BENCH_ORGANIZER);
    running.push(host);
    const supergraph = writeSupergraph(dir, host.urls);
    Object.assign(process.env, { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url, GATEWAY_REQUEST_METRICS: 'true' });
    const on = { ...(await startOurGateway(settings, supergraph)), name: 'on' };
    running.push(on);
    delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    process.env.GATEWAY_REQUEST_METRICS = 'false';
    const off = { ...(await startOurGateway(settings, supergraph)), name: 'off' };
    running.push(off);
    process.env = saved;

    const organizer = await signIn(connect(off.url), BENCH_ORGANIZER.login, BENCH_ORGANIZER.password);
    const variants = [
      {
        headers: { 'content-type': 'application/json', authorization: `Bearer ${organizer.token}` },
        body: JSON.stringify({ query: QUERY, operationName: 'Bench' }),
      },
    ];
    const options = { connections: CONFIG.connections, subgraphsPid: host.pid };
    for (const front of [on, off]) await measure(front, variants, { ...options, seconds: 3 });
    const uploadsBefore = sink.uploads;
    const rounds = [];
    for (let r = 0; r < CONFIG.rounds; r++) {
      const order = r % 2 ? [off, on] : [on, off];
      const round = {};
      for (const front of order)
        round[front.name] = await measure(front, variants, { ...options, seconds: CONFIG.seconds });
      process.stderr.write(
        `round ${r + 1}: on ${round.on.frontMsPerRequest.toFixed(3)} ms/req (${round.on.rps.toFixed(0)} req/s), ` +
          `off ${round.off.frontMsPerRequest.toFixed(3)} ms/req (${round.off.rps.toFixed(0)} req/s)\n`,
      );
      rounds.push(round);
    }
    assert.ok(sink.uploads > uploadsBefore, 'the "on" gateway exported spans during the run');
    const onMs = median(rounds.map((r) => r.on.frontMsPerRequest));
    const offMs = median(rounds.map((r) => r.off.frontMsPerRequest));
    const ratio = median(rounds.map((r) => r.on.frontMsPerRequest / r.off.frontMsPerRequest));
    console.log(
      JSON.stringify(
        {
          config: CONFIG,
          gatewayCpuMsPerRequest: { on: onMs, off: offMs },
          ratioOnOverOff: ratio,
          rps: { on: median(rounds.map((r) => r.on.rps)), off: median(rounds.map((r) => r.off.rps)) },
          p95Ms: { on: median(rounds.map((r) => r.on.p95)), off: median(rounds.map((r) => r.off.p95)) },
          machineBusyPct: median(rounds.flatMap((r) => [r.on.machineBusyPct, r.off.machineBusyPct])),
          spanUploads: sink.uploads - uploadsBefore,
          spanBytes: sink.bytes,
        },
        null,
        2,
      ),
    );
  } finally {
    process.env = saved;
    for (const p of running.reverse()) await p.stop();
    await teardown(settings);
    await sink.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`bench failed: ${error.stack ?? error}`);
  process.exitCode = 1;
});
