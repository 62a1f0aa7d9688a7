import type { FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 256 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 256 }),
};

/**
 * One subgraph call over node:http on a keep-alive agent, the answer read whole. It replaces
 * node-fetch, which on the same agent cost more CPU per call and now and then lost a call to
 * ECONNRESET under load, where plain node:http never did (BENCHMARKS.md, "Reliability finding").
 */
export function subgraphFetch(url: string, init: FetcherRequestInit = {}): Promise<FetcherResponse> {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  const body = init.body ?? '';
  return new Promise((resolve, reject) => {
    const request = client.request(
      target,
      {
        method: init.method ?? 'POST',
        headers: { ...init.headers, 'content-length': String(Buffer.byteLength(body)) },
        agent: agents[target.protocol as keyof typeof agents],
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.once('end', () => resolve(bufferedResponse(url, response, Buffer.concat(chunks))));
        response.once('error', reject);
      },
    );
    request.once('error', reject);
    request.end(body);
  });
}

function bufferedResponse(url: string, response: IncomingMessage, body: Buffer): FetcherResponse {
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers))
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  const status = response.statusCode ?? 0;
  return {
    bodyUsed: false,
    url,
    redirected: false,
    status,
    ok: status >= 200 && status < 300,
    statusText: response.statusMessage ?? '',
    headers,
    text: async () => body.toString('utf8'),
    json: async () => JSON.parse(body.toString('utf8')) as unknown,
    arrayBuffer: async () => body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer,
    clone: () => bufferedResponse(url, response, body),
  };
}
