// `npm run bench:dashboard`: the season dashboard at a full season. Seeds N sacrifices (default
// 100,000, BENCH_SACRIFICES) over 20 sites straight into the sacrifice and skin databases (bulk SQL:
// allocations through the API would take hours), with their shares and, for performed ones, hides.
// Then, through the gateway with the SDK as an organizer: BENCH_REQUESTS `seasonDashboard` queries at
// BENCH_CONCURRENCY in flight; p50/p95. Peer in the same run: the same figures counted straight
// from the databases with plain SQL (`directCounts`), timed the same way. Finally checks the
// dashboard's counts equal the databases'. Everything is built by e2e's `startSystem` (one process)
// and removed at the end. See BENCHMARKS.md.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { CreateSeasonDocument, CreateSiteDocument, SeasonDashboardDocument } from '@qurbani/sdk';
import { dashboardCounts, directCounts, seedHides, seedSacrifices } from '../e2e/dist/test/support/dashboard-seed.js';
import { createSeasonAndSite, signInOrganizer } from '../e2e/dist/test/support/season.js';
import { startSystem } from '../e2e/dist/test/support/system.js';
import { downloadCsv } from './lib/csv-download.mjs';

const SACRIFICES = Number(process.env.BENCH_SACRIFICES ?? 100_000);
const SITES = 20;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);

const percentile = (values, p) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

async function timed(count, concurrency, call) {
  const latencies = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < count) {
        const t = performance.now();
        await call();
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    max: Math.max(...latencies),
    rps: latencies.length / seconds,
  };
}

const system = await startSystem();
try {
  const organizer = await signInOrganizer(system);
  const { seasonId, siteId } = await createSeasonAndSite(organizer);
  const siteIds = [siteId];
  for (let i = 1; i < SITES; i++) {
    const { createSite } = await organizer.client.request(CreateSiteDocument, {
      input: { seasonId, name: `Site ${i} ${randomUUID().slice(0, 4)}`, region: 'Bench', timeZone: 'Asia/Karachi' },
    });
    siteIds.push(createSite.id);
  }
  const db = (name) => {
    const c = system.subgraphs[name].orm.em.getConnection();
    return (sql, params) => c.execute(sql, params);
  };
  const now = new Date('2026-05-28T08:00:00.000Z');
  system.now.value = now;
  const plan = { seasonId, siteIds, sacrifices: SACRIFICES, pendingShares: 5_000, tag: 'bench', now };
  let t = performance.now();
  await seedSacrifices(db('sacrifice'), plan);
  await seedHides(db('skin'), plan);
  const seedSeconds = (performance.now() - t) / 1000;

  const ask = () => organizer.client.request(SeasonDashboardDocument, { seasonId });
  const direct = () => directCounts(db('sacrifice'), db('skin'), seasonId, now);
  await timed(20, 2, ask);
  await timed(5, 1, direct);
  const alone = await timed(REQUESTS, 1, ask);
  const peerAlone = await timed(Math.max(20, REQUESTS / 10), 1, direct);
  const gateway = await timed(REQUESTS, CONCURRENCY, ask);
  const peer = await timed(Math.max(20, REQUESTS / 10), CONCURRENCY, direct);
  const f = (n) => n.toFixed(1);

  // Exports: peak RSS of this process (gateway and subgraphs live in it) while one CSV streams through
  // the gateway and is read and dropped, for a season of 10,000 rows and for the 100,000 above.
  const { createSeason } = await organizer.client.request(CreateSeasonDocument, {
    input: { name: `Small ${randomUUID().slice(0, 6)}`, hijriYear: 1448 },
  });
  const { createSite: small } = await organizer.client.request(CreateSiteDocument, {
    input: { seasonId: createSeason.id, name: 'Small site', region: 'Bench', timeZone: 'Asia/Karachi' },
  });
  await seedSacrifices(db('sacrifice'), {
    ...plan,
    seasonId: createSeason.id,
    siteIds: [small.id],
    sacrifices: 10_000,
    pendingShares: 0,
    tag: 'small',
  });
  const exportOf = async (season) => {
    globalThis.gc?.();
    const base = process.memoryUsage().rss;
    const baseHeap = process.memoryUsage().heapUsed;
    let peak = base;
    let peakHeap = baseHeap;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 5);
    const started = performance.now();
    const { bytes, lines } = await downloadCsv(
      new URL(`/exports/sacrifices.csv?seasonId=${season}`, system.gateway.url),
      organizer.token,
    );
    clearInterval(sampler);
    return {
      rows: lines - 1,
      mb: bytes / 1e6,
      seconds: (performance.now() - started) / 1000,
      growthMb: (peak - base) / 1e6,
      heapMb: (peakHeap - baseHeap) / 1e6,
    };
  };
  const exports = [];
  for (let round = 0; round < 3; round++) exports.push(await exportOf(createSeason.id), await exportOf(seasonId));

  const { seasonDashboard } = await ask();
  const expected = await direct();
  assert.deepEqual(dashboardCounts(seasonDashboard), expected, 'the dashboard counts what the databases hold');
  const sacrifices = Object.values(expected.sacrifices).reduce((a, b) => a + b, 0);
  const hides = Object.values(expected.hides).reduce((a, b) => a + b, 0);

  console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model}), node ${process.version}`);
  console.log(
    `data: ${sacrifices} sacrifices, ${expected.allocatedShares + 5_000} shares, ${hides} hides, ${SITES} sites (seeded in ${f(seedSeconds)} s)`,
  );
  const peerRequests = Math.max(20, REQUESTS / 10);
  const row = (what, n, inFlight, m) =>
    console.log(`| ${what} | ${n} | ${inFlight} | ${f(m.p50)} | ${f(m.p95)} | ${f(m.max)} | ${f(m.rps)} |`);
  console.log('| what | requests | in flight | p50 ms | p95 ms | max ms | req/s |');
  console.log('|---|---|---|---|---|---|---|');
  row('seasonDashboard through the gateway', REQUESTS, 1, alone);
  row('peer: the same counts, plain SQL straight from the databases', peerRequests, 1, peerAlone);
  row('seasonDashboard through the gateway', REQUESTS, CONCURRENCY, gateway);
  row('peer: the same counts, plain SQL straight from the databases', peerRequests, CONCURRENCY, peer);
  console.log(
    `ratio p95 gateway / direct SQL: ${(alone.p95 / peerAlone.p95).toFixed(2)} (1 in flight), ${(gateway.p95 / peer.p95).toFixed(2)} (${CONCURRENCY} in flight)`,
  );
  console.log(
    `load average at the end: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log('| export | rows | MB | seconds | peak RSS growth MB | peak heap growth MB |');
  console.log('|---|---|---|---|---|---|');
  for (const e of exports)
    console.log(`| sacrifices.csv | ${e.rows} | ${f(e.mb)} | ${f(e.seconds)} | ${f(e.growthMb)} | ${f(e.heapMb)} |`);
  console.log(`counts equal the databases': yes (${JSON.stringify(expected.sacrifices)})`);
  console.log(`goal p95 < 200 ms (1 in flight): ${alone.p95 < 200 ? 'met' : 'NOT met'}`);
} finally {
  system.now.value = null;
  await system.close();
}
