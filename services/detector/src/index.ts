import { config } from './env.js';
import { createDetector } from './detector.js';
import { createServer } from './server.js';

const t0 = performance.now();
const detector = await createDetector(config.detector);
const server = createServer(detector, { maxBodyBytes: config.maxBodyBytes });
server.listen(config.port, config.host, () => {
  console.log(
    JSON.stringify({
      msg: 'detector listening',
      url: `http://${config.host}:${config.port}`,
      model: detector.model,
      version: detector.version,
      backend: detector.backend,
      loadMs: Math.round(performance.now() - t0),
    }),
  );
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
