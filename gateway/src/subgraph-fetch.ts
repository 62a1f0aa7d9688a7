import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { urlToHttpOptions } from 'node:url';

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 256 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 256 }),
};

interface Target {
  client: typeof http | typeof https;
  options: http.RequestOptions;
}

// The subgraphs' URLs come from the configuration: parsing one per call was 2 % of the gateway's CPU.
const targets = new Map<string, Target>();

function targetOf(url: string): Target {
  let target = targets.get(url);
  if (!target) {
    const parsed = new URL(url);
    const secure = parsed.protocol === 'https:';
    target = {
      client: secure ? https : http,
      options: { ...urlToHttpOptions(parsed), method: 'POST', agent: agents[secure ? 'https:' : 'http:'] },
    };
    targets.set(url, target);
  }
  return target;
}

/** A subgraph's whole answer, as read off the wire. */
export interface SubgraphAnswer {
  url: string;
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * One subgraph call over node:http on a keep-alive agent, the answer read whole. It replaces
 * node-fetch, which on the same agent cost more CPU per call and now and then lost a call to
 * ECONNRESET under load, where plain node:http never did (BENCHMARKS.md, "Reliability finding").
 */
export function subgraphFetch(url: string, headers: Record<string, string>, body: string): Promise<SubgraphAnswer> {
  const { client, options } = targetOf(url);
  return new Promise((resolve, reject) => {
    const request = client.request(
      { ...options, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.once('end', () =>
          resolve({
            url,
            status: response.statusCode ?? 0,
            statusText: response.statusMessage ?? '',
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
        response.once('error', reject);
      },
    );
    request.once('error', reject);
    request.end(body);
  });
}
