// The model service replaced by a fixed-latency stand-in for the season simulation: the same HTTP
// API (GET /health, POST /v1/analyze with the bearer token), an answer after MODEL_STANDIN_LATENCY_MS,
// and no analysis at all. One video in MODEL_STANDIN_REVIEW_EVERY gets "manual_review" on its names,
// chosen by a hash of the names so a retried call gets the same answer, so that the review step runs.
import { createHash } from 'node:crypto';
import http from 'node:http';

const port = Number(process.env.MODEL_PORT);
const token = process.env.MODEL_SERVICE_TOKEN;
const latencyMs = Number(process.env.MODEL_STANDIN_LATENCY_MS ?? 800);
const reviewEvery = Number(process.env.MODEL_STANDIN_REVIEW_EVERY ?? 5);
const check = (result) => ({ result, model: 'fixed-latency-stand-in', version: `${latencyMs}ms` });

const server = http.createServer((req, res) => {
  const send = (status, body) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (req.method === 'GET' && req.url === '/health')
    return send(200, { status: 'ok', service: 'model-stand-in', version: `${latencyMs}ms` });
  if (req.headers.authorization !== `Bearer ${token}`) return send(401, { error: 'unauthorized' });
  if (req.method !== 'POST' || req.url !== '/v1/analyze') return send(404, { error: 'not_found' });
  let raw = '';
  req.on('data', (chunk) => (raw += chunk));
  req.on('end', () => {
    const request = JSON.parse(raw);
    const names = request.expectedNames ?? [];
    const digest = createHash('sha256').update(names.join('|')).digest();
    const result = digest.readUInt32BE(0) % reviewEvery === 0 ? 'manual_review' : 'pass';
    setTimeout(
      () =>
        send(200, {
          requestId: request.requestId,
          scene: check('pass'),
          names: { ...check(result), perName: names.map((name) => ({ name, result, score: null })) },
          durationSeconds: 1,
        }),
      latencyMs,
    );
  });
});
server.listen(port, process.env.MODEL_HOST ?? '127.0.0.1', () =>
  console.log(`model stand-in on ${port} (${latencyMs} ms)`),
);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
