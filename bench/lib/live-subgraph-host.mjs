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
  const { monitorEventLoopDelay } = await import('node:perf_hooks');
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  setInterval(() => {
    console.error(
      `[${names}] loop delay p50 ${(h.percentile(50) / 1e6).toFixed(1)} p99 ${(h.percentile(99) / 1e6).toFixed(1)} max ${(h.max / 1e6).toFixed(1)} ms`,
    );
    h.reset();
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
