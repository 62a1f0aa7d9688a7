import type { Replicas } from '@qurbani/kit';
import net from 'node:net';

/**
 * Opens (and at once closes) a connection to every replica of the subgraphs that have several,
 * every `intervalMs`: one that refuses sits out, so the routes that do not try another replica
 * (exports, documents, tracking, photos, positions, webhooks) reach a live one too. A bare TCP
 * connection: no HTTP request, nothing for the replica to serve or log. Returns a stopper.
 */
export function watchReplicas(subgraphs: Record<string, Replicas>, intervalMs = 1000): () => void {
  const probe = () => {
    for (const replicas of Object.values(subgraphs)) {
      if (replicas.urls.length < 2) continue;
      for (const url of replicas.urls) {
        const { hostname, port, protocol } = new URL(url);
        const socket = net.connect({
          host: hostname.replace(/^\[|\]$/g, ''),
          port: Number(port) || (protocol === 'https:' ? 443 : 80),
        });
        socket.setTimeout(intervalMs, () => socket.destroy());
        socket.once('connect', () => socket.destroy());
        socket.once('error', (error) => {
          if (refusedConnection(error)) replicas.refused(url);
        });
      }
    }
  };
  const timer = setInterval(probe, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

const codeOf = (error: unknown): unknown =>
  (error as { code?: unknown } | null)?.code ?? (error as { cause?: { code?: unknown } } | null)?.cause?.code;

/**
 * A connection the replica refused: nothing of the request was sent, so another replica may take
 * it whatever its method. Any other failure may come after part of the request left.
 */
export function refusedConnection(error: unknown): boolean {
  return codeOf(error) === 'ECONNREFUSED';
}

/**
 * The connection broke before an answer: a replica killed while the gateway held a kept-alive
 * connection to it (the reset arrives with the next request). The request may have arrived: only
 * a read may be sent again.
 */
export function brokenConnection(error: unknown): boolean {
  const code = codeOf(error);
  return code === 'ECONNRESET' || code === 'EPIPE';
}

/**
 * Tries `send` on each replica in turn until one answers. A refused connection moves on; a broken
 * one too when the request only reads (`readOnly`); any other error is the request's answer.
 */
export async function onSomeReplica<T>(
  replicas: Replicas,
  send: (url: string) => Promise<T>,
  readOnly = false,
): Promise<T> {
  const order = replicas.order();
  for (const [index, url] of order.entries()) {
    try {
      const answer = await send(url);
      replicas.answered(url);
      return answer;
    } catch (error) {
      const again = refusedConnection(error) || (readOnly && brokenConnection(error));
      if (!again || index === order.length - 1) throw error;
      replicas.refused(url);
    }
  }
  throw new Error('unreachable');
}

/**
 * `SUBGRAPH_URLS`: `name=url` pairs, comma-separated; a subgraph with several replicas lists their
 * URLs joined by `|` (`video=http://a:4104/graphql|http://b:4114/graphql`).
 */
export function parseSubgraphUrls(value: string): Record<string, string[]> {
  return Object.fromEntries(
    value
      .split(',')
      .map((pair) => pair.trim())
      .filter(Boolean)
      .map((pair) => {
        const equals = pair.indexOf('=');
        const name = equals > 0 ? pair.slice(0, equals) : '';
        const list = pair
          .slice(equals + 1)
          .split('|')
          .map((url) => url.trim())
          .filter(Boolean);
        if (!name || list.length === 0) throw new Error(`SUBGRAPH_URLS: "${pair}" is not name=url[|url...]`);
        return [name.trim(), list];
      }),
  );
}
