import {
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  TimeoutStrategy,
  circuitBreaker,
  handleWhen,
  isBrokenCircuitError,
  isTaskCancelledError,
  retry,
  timeout,
  wrap,
  type CircuitBreakerPolicy,
  type IPolicy,
} from 'cockatiel';
import { Replicas } from '@qurbani/kit';
import { withTraceparent } from '@qurbani/telemetry';
import { parseModelUrls } from './model.urls.js';
import { errorFromResponse, ModelError, ModelFailure } from './model.errors.js';
import type { AnalyzeRequest, AnalyzeResponse, ModelHealth } from './model.types.js';

export interface ModelClientOptions {
  /** The model service's URL, or its copies' URLs separated by `|` (called in turn). */
  baseUrl: string;
  /** The model service's shared secret (`MODEL_SERVICE_TOKEN`), sent on every call. */
  token: string;
  /** One call, after which it is abandoned and counted as an outage. */
  timeoutMs: number;
  /** Consecutive outages that open the circuit. */
  breakerFailures: number;
  /** Time the circuit stays open before one probe call is let through. */
  halfOpenAfterMs: number;
  /** Quick retries inside one call for connection errors and `busy` (default 2 more tries). */
  quickRetries?: number;
}

/**
 * The only way to the Python model service: timeouts, a few quick retries with backoff, and a
 * circuit breaker, with every failure normalised to a {@link ModelError}. It never returns a
 * verdict it did not get from the service.
 */
export class ModelClient {
  private readonly breaker: CircuitBreakerPolicy;
  private readonly policy: IPolicy;
  private readonly recovered = new Set<() => void>();
  private openedAt = 0;
  private probing = false;
  private healthCache: ModelHealth | null = null;
  /** The model copies, taken in turn; one that refused a connection sits out while the circuit would stay open. */
  private readonly copies: Replicas;

  constructor(private readonly options: ModelClientOptions) {
    this.copies = new Replicas(parseModelUrls(options.baseUrl), options.halfOpenAfterMs);
    this.breaker = circuitBreaker(
      handleWhen((e) => (e instanceof ModelError && e.isOutage) || isTaskCancelledError(e)),
      {
        halfOpenAfter: options.halfOpenAfterMs,
        breaker: new ConsecutiveBreaker(options.breakerFailures),
      },
    );
    this.breaker.onBreak(() => {
      this.openedAt = Date.now();
    });
    this.breaker.onReset(() => {
      for (const listener of this.recovered) listener();
    });
    // Quick retries only for failures that end fast; a timed-out analysis is retried later, not now.
    const quick = retry(
      handleWhen(
        (e) =>
          e instanceof ModelError &&
          e.failure === ModelFailure.Unavailable &&
          (e.code === 'network' || e.code === 'busy'),
      ),
      {
        maxAttempts: options.quickRetries ?? 2,
        backoff: new ExponentialBackoff({ initialDelay: 300, maxDelay: 3000 }),
      },
    );
    this.policy = wrap(quick, this.breaker, timeout(options.timeoutMs, TimeoutStrategy.Aggressive));
  }

  /** `closed`, `open` or `half-open`. */
  get circuit(): 'closed' | 'open' | 'half-open' {
    const state = this.breaker.state;
    return state === CircuitState.Closed ? 'closed' : state === CircuitState.HalfOpen ? 'half-open' : 'open';
  }

  /**
   * Whether a worker should start an analysis now: always while the circuit is closed; once it has
   * been open for `halfOpenAfterMs`, one probe at a time. Workers wait instead of claiming work
   * that could only fail.
   */
  acceptingWork(): boolean {
    if (this.breaker.state === CircuitState.Closed) return true;
    return !this.probing && Date.now() - this.openedAt >= this.options.halfOpenAfterMs;
  }

  /** Called when the circuit closes again (the service is back). */
  onRecovered(listener: () => void): () => void {
    this.recovered.add(listener);
    return () => this.recovered.delete(listener);
  }

  /** Name and version of the model service (asked once, then cached). */
  async health(signal?: AbortSignal): Promise<ModelHealth> {
    if (this.healthCache) return this.healthCache;
    const body = await this.call<ModelHealth>('GET', '/health', undefined, signal);
    if (typeof body?.service !== 'string' || typeof body.version !== 'string') {
      throw new ModelError(ModelFailure.Unavailable, 'invalid_response', 'health answer lacks service/version', {
        outage: true,
      });
    }
    this.healthCache = { status: body.status, service: body.service, version: body.version };
    return this.healthCache;
  }

  async analyze(request: AnalyzeRequest, signal?: AbortSignal): Promise<AnalyzeResponse> {
    const body = await this.call<AnalyzeResponse>('POST', '/v1/analyze', request, signal);
    if (!body || typeof body !== 'object' || !body.scene || !body.names || !Array.isArray(body.names.perName)) {
      throw new ModelError(ModelFailure.Unavailable, 'invalid_response', 'analysis answer lacks scene/names', {
        outage: true,
      });
    }
    return body;
  }

  private async call<T>(method: string, path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    const probe = this.breaker.state !== CircuitState.Closed;
    if (probe) this.probing = true;
    try {
      return await this.policy.execute(({ signal: attempt }) => this.send<T>(method, path, body, attempt), signal);
    } catch (error) {
      throw this.normalise(error, signal);
    } finally {
      if (probe) this.probing = false;
    }
  }

  private async send<T>(method: string, path: string, body: unknown, signal: AbortSignal): Promise<T> {
    let response: Response;
    const baseUrl = this.copies.next();
    try {
      response = await fetch(new URL(path, baseUrl), {
        method,
        signal,
        // The model service continues the analysis's trace (a no-op when tracing is off).
        headers: withTraceparent({
          authorization: `Bearer ${this.options.token}`,
          ...(body === undefined
            ? {}
            : {
                'content-type': 'application/json',
                ...(isRequest(body) && body.requestId ? { 'x-request-id': body.requestId } : {}),
              }),
        }),
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      if (signal.aborted) throw error;
      this.copies.refused(baseUrl);
      throw new ModelError(
        ModelFailure.Unavailable,
        'network',
        `model service unreachable: ${(error as Error).cause ?? (error as Error).message}`,
        { outage: true },
      );
    }
    this.copies.answered(baseUrl);
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // A proxy's HTML error page or a cut body: not an answer.
    }
    if (!response.ok)
      throw errorFromResponse(
        response.status,
        parsed as { error?: string; message?: string } | null,
        response.headers.get('retry-after'),
      );
    if (parsed === null)
      throw new ModelError(ModelFailure.Unavailable, 'invalid_response', 'model service answered no JSON', {
        outage: true,
      });
    return parsed as T;
  }

  private normalise(error: unknown, signal?: AbortSignal): ModelError {
    if (error instanceof ModelError) return error;
    if (isBrokenCircuitError(error))
      return new ModelError(ModelFailure.Unavailable, 'circuit_open', 'model service circuit is open');
    if (isTaskCancelledError(error)) {
      return signal?.aborted
        ? new ModelError(ModelFailure.Unavailable, 'cancelled', 'analysis cancelled (shutting down)')
        : new ModelError(ModelFailure.Unavailable, 'timeout', `no answer within ${this.options.timeoutMs} ms`, {
            outage: true,
          });
    }
    return new ModelError(ModelFailure.Unavailable, 'unexpected', (error as Error)?.message ?? String(error), {
      outage: true,
    });
  }
}

const isRequest = (body: unknown): body is AnalyzeRequest =>
  typeof body === 'object' && body !== null && ('videoPath' in body || 'videoUrl' in body);
