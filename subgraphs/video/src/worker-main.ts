import { config } from './env.js';
import { startVideoWorker } from './worker.js';

const worker = await startVideoWorker({ ...config, media: { ...config.media, inlineWorker: true } });
console.log('video worker ready: preprocessing, renditions and archive sweep');
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void worker.stop().then(() => process.exit(0)));
