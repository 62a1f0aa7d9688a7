// Calls through the gateways as a phone or a browser would, surviving a fault: a refused connection
// (the process is down, nothing was done) is retried on the next gateway; an answer lost after the
// request was sent is ambiguous, so before a call that is not idempotent is repeated, `existing()`
// asks whether it was done (the way a client asks the API again) and the earlier result is used.
import { RefreshSessionDocument, sendPositions } from '@qurbani/sdk';
import { print } from 'graphql';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const REFUSED = /ECONNREFUSED|connect ECONNREFUSED|Connection refused/i;

/** Counts of what the faults cost the clients: retries after a refusal, and ambiguous answers. */
export const clientStats = { refusedRetries: 0, ambiguous: 0, reconciled: 0, gaveUp: 0 };

const causeOf = (error) => `${error?.message ?? ''} ${error?.cause?.code ?? ''} ${error?.cause?.message ?? ''}`;

const printed = new WeakMap();

/**
 * An actor on the gateways; calls start at a different gateway each time. `address`: the client's
 * IP as a load balancer in front of the gateways reports it (X-Forwarded-For, believed from
 * loopback): donors come from many addresses, and identity limits registrations per address.
 */
export class Api {
  #next = 0;
  #refreshToken;
  #signedInAt = Date.now();
  #refreshing = null;
  /** `session`: the access and refresh tokens of a sign-in (none for an anonymous caller). */
  constructor(gateways, session, address) {
    this.token = session?.accessToken;
    this.#refreshToken = session?.refreshToken;
    this.gateways = gateways;
    this.address = address;
  }

  /**
   * Trades the refresh token for new tokens once the access token is 10 minutes old (they last 15),
   * as an app does: a day is longer than one access token. Concurrent callers share one refresh,
   * because each refresh token works once.
   */
  async fresh() {
    if (!this.#refreshToken || Date.now() - this.#signedInAt < 600_000) return;
    this.#refreshing ??= (async () => {
      const { refreshSession } = await new Api(this.gateways, undefined, this.address).call(RefreshSessionDocument, {
        refreshToken: this.#refreshToken,
      });
      if (!refreshSession) throw new Error('refreshSession refused');
      this.token = refreshSession.accessToken;
      this.#refreshToken = refreshSession.refreshToken;
      this.#signedInAt = Date.now();
    })().finally(() => (this.#refreshing = null));
    await this.#refreshing;
  }

  async #execute(document, variables) {
    await this.fresh();
    let query = printed.get(document);
    if (!query) printed.set(document, (query = print(document)));
    this.#next = (this.#next + 1) % this.gateways.length;
    const response = await fetch(this.gateways[this.#next], {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...(this.address ? { 'x-forwarded-for': this.address } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    try {
      return { ...JSON.parse(text), status: response.status };
    } catch {
      return { errors: [{ message: `HTTP ${response.status}: ${text.slice(0, 200)}` }], status: response.status };
    }
  }

  /**
   * The data of a call, or its first error's code as `{ errorCode, message }` for CONFLICT and the
   * other domain answers. `existing()` (optional) finds the result of an earlier ambiguous try.
   */
  async call(document, variables, { existing, deadlineMs = 180_000 } = {}) {
    const deadline = Date.now() + deadlineMs;
    let ambiguous = false;
    for (let attempt = 0; ; attempt++) {
      if (ambiguous && existing) {
        const found = await existing().catch(() => null);
        if (found) {
          clientStats.reconciled++;
          return found;
        }
      }
      let failure;
      try {
        const result = await this.#execute(document, variables);
        const error = result.errors?.[0];
        if (!error && result.data) return result.data;
        const code = error?.extensions?.code;
        const domain =
          code && !['INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE', 'DOWNSTREAM_SERVICE_ERROR'].includes(code);
        if (domain && !(ambiguous && code === 'CONFLICT' && existing))
          return { errorCode: code, message: error.message };
        failure = `${code ?? result.status}: ${error?.message ?? 'no data'} ${JSON.stringify(error?.extensions ?? {})}`;
      } catch (error) {
        failure = causeOf(error);
      }
      if (REFUSED.test(failure)) clientStats.refusedRetries++;
      else {
        ambiguous = true;
        clientStats.ambiguous++;
      }
      if (Date.now() > deadline) {
        clientStats.gaveUp++;
        throw new Error(`gave up after ${attempt + 1} tries: ${failure}`);
      }
      await sleep(Math.min(200 * 2 ** Math.min(attempt, 4), 3000));
    }
  }

  /** A driver's position report on `POST /positions`; idempotent (one sample per route and period). */
  async positions(routeId, points) {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.fresh();
        return await sendPositions(
          this.gateways[(this.#next = (this.#next + 1) % this.gateways.length)],
          this.token,
          routeId,
          points,
        );
      } catch (error) {
        if (attempt > 60) throw error;
        if (REFUSED.test(causeOf(error))) clientStats.refusedRetries++;
        else clientStats.ambiguous++;
        await sleep(500);
      }
    }
  }
}

/**
 * Repeats `check` until it gives a value other than undefined/false/null, or throws after `timeoutMs`.
 * The pause grows from `everyMs` by half each time up to 3 s: a quick step is seen quickly, and a
 * thousand journeys waiting on a saturated system do not add a thousand polls a second to it.
 */
export async function until(what, check, timeoutMs = 300_000, everyMs = 250) {
  const deadline = Date.now() + timeoutMs;
  for (let pause = everyMs; ; pause = Math.min(3000, pause * 1.5)) {
    const value = await check().catch(() => undefined);
    if (value !== undefined && value !== false && value !== null) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(pause);
  }
}
