// A minimal GraphQL client for scripts: plain fetch, errors carried with their extensions.code.

export class ApiError extends Error {
  constructor(errors) {
    super(errors.map((e) => e.message).join('; '));
    this.code = errors[0]?.extensions?.code;
    this.field = errors[0]?.extensions?.field;
  }
}

/**
 * One endpoint; `as(token)` gives a caller that signs its requests with that access token.
 * `retryInternal` retries an INTERNAL_SERVER_ERROR that many times (the bench uses it, see
 * BENCHMARKS.md: the gateway sometimes loses a subgraph call to a reset keep-alive connection).
 */
export function connect(url, { retryInternal = 0 } = {}) {
  async function request(query, variables, token, attempt = 0) {
    try {
      return await send(query, variables, token);
    } catch (error) {
      if (error.code !== 'INTERNAL_SERVER_ERROR' || attempt >= retryInternal) throw error;
      return request(query, variables, token, attempt + 1);
    }
  }
  async function send(query, variables, token) {
    const headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
    const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const body = await response.json().catch(() => null);
    if (!body) throw new Error(`${url} answered HTTP ${response.status} without JSON`);
    if (body.errors?.length) throw new ApiError(body.errors);
    return body.data;
  }
  return {
    url,
    as:
      (token) =>
      (query, variables = {}) =>
        request(query, variables, token),
  };
}

/** Runs `work`; a CONFLICT (already done by an earlier run) yields `fallback` instead. */
export async function unlessConflict(work, fallback = null) {
  try {
    return await work();
  } catch (error) {
    if (error.code === 'CONFLICT') return fallback;
    throw error;
  }
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Retries while the answer is NOT_FOUND or FORBIDDEN: subgraphs learn about a sacrifice from events,
 * a moment after the mutation that created or assigned it.
 */
export async function onceKnown(work, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (!['NOT_FOUND', 'FORBIDDEN'].includes(error.code) || Date.now() > deadline) throw error;
      await sleep(150);
    }
  }
}

/** Maps `items` through `fn`, at most `limit` at a time, keeping the order. */
export async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
