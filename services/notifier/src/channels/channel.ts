import type { MessageLanguage, NotificationChannel, NotificationKind, PushDevice } from '@qurbani/events';
import type { Rendered } from '@qurbani/messages';
import type { Outcome } from '../send/retry.rules.js';

export type ExternalChannel = Exclude<NotificationChannel, 'IN_APP'>;

/** One message as an adapter sends it; `to` is a phone (E.164), an e-mail address or a push device. */
export interface OutgoingMessage {
  readonly sendId: string;
  /** Stable across retries: adapters pass it where the provider dedupes (e-mail Message-ID, push topic). */
  readonly idempotencyKey: string;
  readonly kind: NotificationKind;
  readonly language: MessageLanguage;
  readonly rendered: Rendered;
  readonly to: string;
  readonly device?: PushDevice;
  /** Ids only, for push data payloads. */
  readonly params: Readonly<Record<string, string>>;
}

/**
 * One provider behind one channel. `send` never throws: it reports the provider's answer as an
 * {@link Outcome}, so the worker decides retries, fallbacks and dead letters in one place.
 */
export interface ChannelAdapter {
  /** Stored with each send to match receipts: `smtp`, `smpp`, `twilio`, `whatsapp`, `webpush`, `fcm`. */
  readonly provider: string;
  readonly channel: ExternalChannel;
  /** For PUSH: the device kind it serves. */
  readonly deviceKind?: PushDevice['kind'];
  send(message: OutgoingMessage): Promise<Outcome>;
  close?(): Promise<void>;
}

/** A network error or an HTTP answer worth retrying (timeouts, 5xx, 429), as providers document. */
export const isTransientHttp = (status: number) => status === 429 || status === 408 || status >= 500;

/** Seconds or an HTTP date from a Retry-After header, in milliseconds. */
export function retryAfterMs(header: string | null | undefined): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

/** An error's code/name for `detail`, never its message (which may echo an address). */
export const errorCode = (error: unknown): string =>
  String((error as { code?: unknown })?.code ?? (error as Error)?.name ?? 'error');
