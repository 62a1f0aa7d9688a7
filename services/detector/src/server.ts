import http from 'node:http';
import { ImageError, type Detector } from './detector.js';

export interface ServerOptions {
  maxBodyBytes: number;
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** POST /v1/detect (JPEG or PNG body) and GET /health. */
export function createServer(detector: Detector, opts: ServerOptions): http.Server {
  return http.createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0];
    if (url === '/health') {
      if (req.method !== 'GET') return send(res, 405, { error: 'method_not_allowed', message: 'use GET' });
      return send(res, 200, {
        status: 'ok',
        service: 'qurbani-detector',
        model: detector.model,
        version: detector.version,
        backend: detector.backend,
        loaded: true,
      });
    }
    if (url !== '/v1/detect') return send(res, 404, { error: 'not_found', message: `no route ${url}` });
    if (req.method !== 'POST') return send(res, 405, { error: 'method_not_allowed', message: 'use POST' });
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > opts.maxBodyBytes) {
      send(res, 413, { error: 'too_large', message: `image over ${opts.maxBodyBytes} bytes` });
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > opts.maxBodyBytes && !failed) {
        failed = true;
        send(res, 413, { error: 'too_large', message: `image over ${opts.maxBodyBytes} bytes` });
        req.resume();
      } else if (!failed) chunks.push(c);
    });
    req.on('error', () => {
      failed = true;
    });
    req.on('end', () => {
      if (failed) return;
      const body = Buffer.concat(chunks);
      if (body.length === 0)
        return send(res, 400, { error: 'invalid_image', message: 'empty body: send a JPEG or PNG' });
      const t0 = performance.now();
      detector.detect(body).then(
        (r) => send(res, 200, { ...r, ms: Math.round(performance.now() - t0) }),
        (err: Error) => {
          if (err instanceof ImageError) send(res, 400, { error: 'invalid_image', message: err.message });
          else send(res, 500, { error: 'detector_failed', message: err.message.slice(0, 300) });
        },
      );
    });
  });
}
