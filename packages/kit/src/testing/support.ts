import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { VIEWER_HEADER } from '../http-contract.js';
import { signViewerToken, type RequestOrigin, type Viewer } from '../viewer.js';

/** A database-name prefix unique to one test run, so parallel runs and leftovers never collide. */
export const testRunId = () => `t${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

/** Polls `check` until it returns a value other than undefined/false, or throws after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 10_000,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`condition not met within ${timeoutMs} ms${lastError ? `: ${String(lastError)}` : ''}`);
}

/** What `endPool` needs of a pg `Pool`. */
interface EndablePool {
  readonly totalCount: number;
  end(): Promise<void>;
  on(event: 'remove', listener: () => void): unknown;
}

/**
 * Ends a pg pool once its connections have closed. `pool.end()` resolves while they are still
 * closing: a database dropped right after (`WITH (FORCE)`) then ends one mid-close, and its error
 * reaches no listener, an uncaught exception in the test process (CI, 2026-12-06).
 */
export async function endPool(pool: EndablePool): Promise<void> {
  let open = pool.totalCount;
  const closed = new Promise<void>((resolve) => {
    if (open === 0) resolve();
    pool.on('remove', () => --open === 0 && resolve());
  });
  await pool.end();
  await closed;
}

/** Drops throw-away databases a test created (`WITH (FORCE)` ends connections a failed test left open). */
export async function dropDatabases(baseUrl: string, names: string[]): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: `${baseUrl}/postgres` });
  await client.connect();
  try {
    for (const name of names) await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Deletes the Redis keys a test run left under its prefix (caches, locks, rate limits). */
export async function deleteRedisKeys(prefix: string, url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379') {
  const redis = new Redis(url);
  try {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

/** A subgraph's GraphQL answer. */
export interface SubgraphAnswer<T> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> & { code?: string } }[];
}

/** Calls a subgraph directly as the gateway would, for subgraph-level integration tests. */
export async function callSubgraph<T = any>(
  url: string,
  secret: string,
  viewer: Viewer | null,
  query: string,
  variables: Record<string, unknown> = {},
  origin: RequestOrigin = {},
): Promise<SubgraphAnswer<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [VIEWER_HEADER]: signViewerToken(viewer, secret, origin) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as any;
}
