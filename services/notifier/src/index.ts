import { closeOnSignals } from '@qurbani/kit';
import { startNotifier } from './app.js';
import { config } from './env.js';

const notifier = await startNotifier(config);
console.log(`notifier ready; health at ${notifier.url}/health/ready`);
closeOnSignals(notifier);
