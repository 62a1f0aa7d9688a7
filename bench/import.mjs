// `npm run bench:import`: an organizer's animals.csv imported through the gateway (lenient mode)
// at 20,000 and at 100,000 rows (BENCH_ROWS sets the larger; the smaller is a fifth), each into its
// own site, streamed from a generator (the file never sits in memory here), while this process
// (gateway and subgraphs live in it) samples its RSS and live heap. Rows per second and memory growth
// per size: memory must not grow with the file (the ratio large/small). Three rounds. See BENCHMARKS.md.
import os from 'node:os';
import { Readable } from 'node:stream';
import { importCsv } from '@qurbani/sdk';
import { createSeasonAndSite, signInOrganizer } from '../e2e/dist/test/support/season.js';
import { startSystem } from '../e2e/dist/test/support/system.js';
import { CreateSiteDocument } from '@qurbani/sdk';

const LARGE = Number(process.env.BENCH_ROWS ?? 100_000);
const SMALL = LARGE / 5;
const SPECIES = ['SHEEP', 'GOAT', 'COW', 'CAMEL'];
const f = (n) => n.toFixed(1);

/** The CSV as a web stream, 1,000 lines per chunk, made as it is read. */
function animalsCsv(rows, prefix) {
  let next = 0;
  const node = Readable.from(
    (function* () {
      yield 'tag,species,weight_kg\n';
      while (next < rows) {
        const lines = [];
        for (let i = 0; i < 1000 && next < rows; i++, next++)
          lines.push(`${prefix}-${next},${SPECIES[next % 4]},${30 + (next % 50)}`);
        yield `${lines.join('\n')}\n`;
      }
    })(),
  );
  return Readable.toWeb(node);
}

const system = await startSystem();
try {
  const organizer = await signInOrganizer(system);
  const { seasonId } = await createSeasonAndSite(organizer);
  let sites = 0;
  const importOf = async (rows) => {
    const { createSite } = await organizer.client.request(CreateSiteDocument, {
      input: { seasonId, name: `Bench site ${++sites}`, region: 'Sindh', timeZone: 'Asia/Karachi' },
    });
    globalThis.gc?.();
    const base = process.memoryUsage();
    let peak = base.rss;
    let peakLive = base.heapUsed;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const live = setInterval(() => {
      // The test harness keeps every SQL statement it saw (for the N+1 tests): not the import's memory.
      system.resetCounters();
      globalThis.gc?.();
      peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
    }, 250);
    const started = performance.now();
    const report = await importCsv(
      system.gateway.url,
      organizer.token,
      'animals',
      { mode: 'lenient', siteId: createSite.id },
      animalsCsv(rows, `S${sites}`),
    );
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    clearInterval(live);
    if (report.imported !== rows)
      throw new Error(`imported ${report.imported} of ${rows}: ${JSON.stringify(report.errors.slice(0, 3))}`);
    return {
      rows,
      seconds,
      rowsPerSecond: rows / seconds,
      growthMb: (peak - base.rss) / 1e6,
      liveMb: (peakLive - base.heapUsed) / 1e6,
    };
  };
  const runs = [];
  for (let round = 0; round < 3; round++) runs.push(await importOf(SMALL), await importOf(LARGE));

  console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model}), node ${process.version}`);
  console.log('| rows | seconds | rows/s | peak RSS growth MB | peak live heap growth MB |');
  console.log('|---|---|---|---|---|');
  for (const r of runs)
    console.log(`| ${r.rows} | ${f(r.seconds)} | ${Math.round(r.rowsPerSecond)} | ${f(r.growthMb)} | ${f(r.liveMb)} |`);
  const median = (xs) => [...xs].sort((a, b) => a - b)[1];
  const small = runs.filter((r) => r.rows === SMALL);
  const large = runs.filter((r) => r.rows === LARGE);
  console.log(
    `median live heap growth, ${LARGE} rows / ${SMALL} rows: ${(median(large.map((r) => r.liveMb)) / Math.max(0.1, median(small.map((r) => r.liveMb)))).toFixed(2)} (1 = flat; the file is 5x larger)`,
  );
  console.log(
    `load average at the end: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
} finally {
  await system.close();
}
