/**
 * How a failed model call should be treated. The client turns every failure (network, timeout,
 * open circuit, HTTP error, malformed answer) into one of these; none of them is a verdict.
 */
export enum ModelFailure {
  /** Down, crashed, timed out, busy or circuit open: try again later; the work waits. */
  Unavailable = 'unavailable',
  /** 422: the upload itself is unusable (not a video, truncated, no audio, too long): retrying cannot help. */
  Unusable = 'unusable',
  /** 400/403/404: our request or the deployment is wrong (paths, shared storage): an operator must look. */
  Refused = 'refused',
}

export class ModelError extends Error {
  override readonly name = 'ModelError';

  constructor(
    readonly failure: ModelFailure,
    /** The model service's error code (`busy`, `no_audio_track`...) or ours (`timeout`, `circuit_open`, `network`). */
    readonly code: string,
    message: string,
    readonly options: { status?: number; retryAfterMs?: number; outage?: boolean } = {},
  ) {
    super(message);
  }

  /** Counts towards opening the circuit: the service itself is failing, not merely busy or refusing. */
  get isOutage(): boolean {
    return this.options.outage ?? false;
  }
}

/** Maps a model-service HTTP error answer to a {@link ModelError}. */
export function errorFromResponse(
  status: number,
  body: { error?: string; message?: string } | null,
  retryAfter: string | null,
): ModelError {
  const code = body?.error ?? `http_${status}`;
  const message = body?.message ?? `model service answered ${status}`;
  if (status === 422) return new ModelError(ModelFailure.Unusable, code, message, { status });
  if (status === 503) {
    const seconds = Number(retryAfter);
    return new ModelError(ModelFailure.Unavailable, code, message, {
      status,
      retryAfterMs: Number.isFinite(seconds) ? seconds * 1000 : undefined,
    });
  }
  if (status >= 400 && status < 500) return new ModelError(ModelFailure.Refused, code, message, { status });
  return new ModelError(ModelFailure.Unavailable, code, message, { status, outage: true });
}
