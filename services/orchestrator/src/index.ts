import { closeOnSignals } from '@qurbani/kit';
import { startOrchestrator } from './app.js';
import { config } from './env.js';

const orchestrator = await startOrchestrator(config);
console.log(`orchestrator ready; health at ${orchestrator.url}/health/ready`);
closeOnSignals(orchestrator);
