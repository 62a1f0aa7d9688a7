import { closeOnSignals } from '@qurbani/kit';
import { config } from './env.js';
import { startVideoWorker } from './worker.js';

const worker = await startVideoWorker({ ...config, media: { ...config.media, inlineWorker: true } });
console.log('video worker ready: preprocessing, renditions and archive sweep');
closeOnSignals({ close: () => worker.stop() });
