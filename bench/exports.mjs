// `npm run bench:exports`: an organizer's orders.csv export through the gateway at 10,000 and at
// 100,000 orders (BENCH_ORDERS), in constant memory. Orders are seeded with one bulk SQL insert per
// season straight into the donor database (placing 100,000 through the API would take an hour), then
// each export is read through the gateway as it arrives and dropped, while this process (gateway and
// subgraphs live in it) samples its RSS and heap every 5 ms. Three rounds. Everything is built by
// e2e's `startSystem` and removed at the end. See BENCHMARKS.md.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { signInOrganizer } from '../e2e/dist/test/support/season.js';
import { startSystem } from '../e2e/dist/test/support/system.js';
import { downloadCsv } from './lib/csv-download.mjs';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 100_000);
const f = (n) => n.toFixed(1);

const system = await startSystem();
try {
  const organizer = await signInOrganizer(system);
  const donorDb = system.subgraphs.donor.orm.em.getConnection();
  // Orders keep their season as an id (it lives in the sacrifice subgraph): any id groups them.
  const season = async (count) => {
    const seasonId = randomUUID();
    await donorDb.execute(
      `insert into donor_order (id, donor_id, client_request_id, species, site_id, season_id, unit_price_minor,
                                donation_minor, share_count, shares, amount_minor, currency, payment_status, status,
                                created_at, updated_at)
       select gen_random_uuid(), gen_random_uuid(), 'bench-' || g, 'SHEEP', gen_random_uuid(), ?, 25000, 500, 1,
              '[{"name":"Bench Name"}]'::jsonb, 25500, 'PKR', case when g % 5 = 0 then 'PENDING' else 'PAID' end,
              case when g % 5 = 0 then 'PLACED' else 'ALLOCATED' end, now(), now()
         from generate_series(1, ?) g`,
      [seasonId, count],
    );
    return seasonId;
  };
  let t = performance.now();
  const small = await season(ORDERS / 10);
  const large = await season(ORDERS);
  const seedSeconds = (performance.now() - t) / 1000;

  const exportOf = async (seasonId) => {
    globalThis.gc?.();
    const base = process.memoryUsage();
    let peak = base.rss;
    let peakHeap = base.heapUsed;
    let peakLive = base.heapUsed;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 5);
    // What is alive, not what waits for collection: the heap right after a full collection, 4 times a second.
    const live = setInterval(() => {
      globalThis.gc?.();
      peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
    }, 250);
    const started = performance.now();
    const { bytes, lines } = await downloadCsv(
      new URL(`/exports/orders.csv?seasonId=${seasonId}`, system.gateway.url),
      organizer.token,
    );
    clearInterval(sampler);
    clearInterval(live);
    return {
      rows: lines - 1,
      mb: bytes / 1e6,
      seconds: (performance.now() - started) / 1000,
      growthMb: (peak - base.rss) / 1e6,
      heapMb: (peakHeap - base.heapUsed) / 1e6,
      liveMb: (peakLive - base.heapUsed) / 1e6,
    };
  };
  const runs = [];
  for (let round = 0; round < 3; round++) runs.push(await exportOf(small), await exportOf(large));

  console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model}), node ${process.version}`);
  console.log(`data: ${ORDERS / 10} + ${ORDERS} orders in two seasons (seeded in ${f(seedSeconds)} s)`);
  console.log('| export | rows | MB | seconds | peak RSS growth MB | peak heap growth MB | peak live heap growth MB |');
  console.log('|---|---|---|---|---|---|---|');
  for (const e of runs)
    console.log(
      `| orders.csv | ${e.rows} | ${f(e.mb)} | ${f(e.seconds)} | ${f(e.growthMb)} | ${f(e.heapMb)} | ${f(e.liveMb)} |`,
    );
  const wrong = runs.find((e, i) => e.rows !== (i % 2 ? ORDERS : ORDERS / 10));
  if (wrong) throw new Error(`an export lost or repeated rows: ${JSON.stringify(wrong)}`);
  console.log(
    `load average at the end: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
} finally {
  await system.close();
}
