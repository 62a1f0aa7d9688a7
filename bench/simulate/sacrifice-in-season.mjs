// The sacrifice subgraph as `npm start` runs it, with its clock moved into the 1447 season's window
// (SIM_CLOCK_OFFSET_MS, fixed for the run so a restart keeps the same clock): executors may record a
// sacrifice only inside the window, and no real window is open on the day the simulation runs.
import { closeOnSignals } from '@qurbani/kit';
import { startSacrificeSubgraph } from '../../subgraphs/sacrifice/dist/src/app.js';
import { config } from '../../subgraphs/sacrifice/dist/src/env.js';

const offset = Number(process.env.SIM_CLOCK_OFFSET_MS ?? 0);
const subgraph = await startSacrificeSubgraph({ ...config, now: () => new Date(Date.now() + offset) });
console.log(`sacrifice subgraph ready at ${subgraph.url} (clock moved by ${offset} ms)`);
closeOnSignals(subgraph);
