import http from 'node:http';
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
  /** As `response.headers` gives them: the first `Content-Type`, every `Cache-Control` joined. */
  contentType: string | undefined;
  cacheControl: string | undefined;
  body: Buffer;
}

/**
 * The two headers the data source reads, from the raw list: `response.headers` builds an object of
 * every header on first use, which cost more than the rest of reading an answer's headers.
 */
function readHeaders(raw: string[]): Pick<SubgraphAnswer, 'contentType' | 'cacheControl'> {
  let contentType: string | undefined;
  let cacheControl: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    const value = raw[i + 1]!;
    if (name.length === 12 && name.toLowerCase() === 'content-type') contentType ??= value;
    else if (name.length === 13 && name.toLowerCase() === 'cache-control')
      cacheControl = cacheControl === undefined ? value : `${cacheControl}, ${value}`;
  }
  return { contentType, cacheControl };
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
            ...readHeaders(response.rawHeaders),
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
