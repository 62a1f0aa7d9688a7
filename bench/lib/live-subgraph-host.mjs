// Child process of the live-positions bench: the subgraphs named in BENCH_SUBGRAPHS, in this
// process, with the run's databases, stream, Redis and secrets (as subgraph-host.mjs, but the
// delivery subgraph can get a process of its own, as `npm start` gives every subgraph).
import { subgraphStarters } from './subgraph-starters.mjs';

const settings = JSON.parse(process.env.BENCH_SETTINGS);
const organizer = JSON.parse(process.env.BENCH_ORGANIZER);
const names = process.env.BENCH_SUBGRAPHS.split(',');
const clock = { value: null };
const starters = subgraphStarters(settings, organizer, clock);

const subgraphs = {};
for (const name of names) subgraphs[name] = await starters[name](await import(`@qurbani/${name}`));
if (process.env.BENCH_LAG) {
  const { monitorEventLoopDelay, PerformanceObserver } = await import('node:perf_hooks');
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  // Garbage collection in the same 2 s: the longest pause and the time paused in all.
  const gc = { max: 0, total: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.max = Math.max(gc.max, entry.duration);
      gc.total += entry.duration;
    }
  }).observe({ entryTypes: ['gc'] });
  setInterval(() => {
    console.error(
      `${new Date().toISOString().slice(11, 19)} [${names}] loop delay p50 ${(h.percentile(50) / 1e6).toFixed(1)} p99 ${(h.percentile(99) / 1e6).toFixed(1)} max ${(h.max / 1e6).toFixed(1)} ms; gc max ${gc.max.toFixed(1)} total ${gc.total.toFixed(1)} ms`,
    );
    h.reset();
    gc.max = gc.total = 0;
  }, 2000).unref();
}
process.send({ urls: Object.fromEntries(Object.entries(subgraphs).map(([name, s]) => [name, s.url])) });

let closing;
const close = () =>
  (closing ??= Promise.allSettled(Object.values(subgraphs).map((s) => s.close())).then(() => process.exit(0)));
process.on('message', (message) => {
  if (message === 'close') close();
  else if (message?.clock !== undefined) {
    clock.value = message.clock;
    process.send({ clockSet: message.clock });
  }
});
process.on('disconnect', close);
