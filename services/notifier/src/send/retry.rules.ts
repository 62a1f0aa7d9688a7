/** What a provider answered, as every adapter reports it. */
export type Outcome =
  | { readonly kind: 'sent'; readonly providerMessageId: string | null }
  /** Try again later (network, 5xx, 429, a throttled SMSC); `retryAfterMs` when the provider said when. */
  | { readonly kind: 'transient'; readonly detail: string; readonly retryAfterMs?: number }
  /** This channel will never take it (invalid number, template refused, auth refused). */
  | { readonly kind: 'permanent'; readonly detail: string }
  /** The address or push token no longer exists: prune it. */
  | { readonly kind: 'unregistered'; readonly detail: string };

/** Retry schedule of transient failures. */
export interface RetryPolicy {
  /** Attempts before a send is DEAD (an organizer may replay it). */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * After attempt `attempts` failed transiently: the delay before the next one (exponential with full
 * jitter, at least what the provider asked for), or null when the attempts are spent.
 */
export function nextRetryDelay(
  attempts: number,
  policy: RetryPolicy,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number | null {
  if (attempts >= policy.maxAttempts) return null;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempts - 1));
  const jittered = Math.round(ceiling / 2 + (random() * ceiling) / 2);
  return Math.max(jittered, retryAfterMs ?? 0);
}
