// The six subgraphs in one Node process (`GRAPH_PROCESSES=one npm start`), each started as its own
// process starts it (subgraphs/<name>/src/index.ts), with its own variables (IDENTITY_PORT, ...).
// On a small machine this is much less CPU per request than six processes (BENCHMARKS.md), at the
// price of one crash taking all six down until the supervisor has restarted them.
import { closeOnSignals } from '@qurbani/kit';

const SUBGRAPHS = ['identity', 'donor', 'sacrifice', 'video', 'delivery', 'skin'];
const root = new URL('..', import.meta.url);

const running = [];
const close = async () => {
  for (const subgraph of [...running].reverse()) await subgraph.close();
};
try {
  for (const name of SUBGRAPHS) {
    const dist = new URL(`subgraphs/${name}/dist/src/`, root);
    const [app, { config }] = await Promise.all([import(new URL('app.js', dist)), import(new URL('env.js', dist))]);
    const start = app[`start${name[0].toUpperCase()}${name.slice(1)}Subgraph`];
    const subgraph = await start(config);
    running.push(subgraph);
    console.log(`${name} subgraph ready at ${subgraph.url}`);
  }
} catch (error) {
  // Those already started hold ports, pools and consumers: release them before the supervisor's restart.
  await close().catch(() => undefined);
  throw error;
}
closeOnSignals({ close });
