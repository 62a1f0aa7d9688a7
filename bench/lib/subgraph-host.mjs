// Child process: the six subgraphs in one process, as e2e/test/support/system.ts starts them, with
// the run's databases, stream and secrets (or only those BENCH_SUBGRAPHS names, for a host per
// subgraph as `npm start` runs them). Reports their URLs to the parent; closes on 'close'.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { subgraphStarters } from './subgraph-starters.mjs';

// BENCH_ROOT: the checkout whose build to serve (the peer run serves another commit's build).
const root = process.env.BENCH_ROOT ?? new URL('../../', import.meta.url).pathname;
const load = (name) => import(join(root, `subgraphs/${name}/dist/src/app.js`));
const only = process.env.BENCH_SUBGRAPHS?.split(',');
const wanted = (name) => !only || only.includes(name);

const settings = JSON.parse(process.env.BENCH_SETTINGS);
const organizer = JSON.parse(process.env.BENCH_ORGANIZER);
const clock = { value: null };
const starters = subgraphStarters(settings, organizer, clock);

const subgraphs = {};
for (const [name, start] of Object.entries(starters)) {
  if (wanted(name)) subgraphs[name] = await start(await load(name));
}

// BENCH_PROFILE=<dir>: a CPU profile of the measured rounds only (not the fixture load), written at close.
const profiler = process.env.BENCH_PROFILE ? new Session() : null;
async function profile(step) {
  if (!profiler || (step === 'stop' && !profiler.started)) return;
  const post = (method) => new Promise((ok, fail) => profiler.post(method, (e, r) => (e ? fail(e) : ok(r))));
  if (step === 'start') {
    profiler.connect();
    profiler.started = true;
    await post('Profiler.enable');
    await post('Profiler.start');
  } else {
    const { profile: p } = await post('Profiler.stop');
    writeFileSync(join(process.env.BENCH_PROFILE, `subgraphs-${process.pid}.cpuprofile`), JSON.stringify(p));
  }
}

process.send({ urls: Object.fromEntries(Object.entries(subgraphs).map(([name, s]) => [name, s.url])) });

let closing;
const close = () =>
  (closing ??= Promise.allSettled(Object.values(subgraphs).map((s) => s.close())).then(() => process.exit(0)));
process.on('message', (message) => {
  if (message === 'close') void profile('stop').finally(close);
  else if (message === 'profile') void profile('start');
  else if (message?.clock !== undefined) {
    clock.value = message.clock;
    process.send({ clockSet: message.clock });
  }
});
process.on('disconnect', close);
