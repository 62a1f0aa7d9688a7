import { NotificationChannel } from '@qurbani/events';
import webpush, { type PushSubscription } from 'web-push';
import type { Outcome } from '../send/retry.rules.js';
import { errorCode, isTransientHttp, retryAfterMs, type ChannelAdapter, type OutgoingMessage } from './channel.js';

export interface VapidSettings {
  readonly subject: string;
  readonly publicKey: string;
  readonly privateKey: string;
}

/**
 * Web Push (RFC 8030) with VAPID (RFC 8292): `web-push` encrypts and signs, fetch sends (its own
 * `sendNotification` insists on https, which a local push service in tests is not).
 */
export class WebPushAdapter implements ChannelAdapter {
  readonly provider = 'webpush';
  readonly channel = NotificationChannel.PUSH;
  readonly deviceKind = 'WEB' as const;

  constructor(private readonly vapid: VapidSettings) {}

  async send(m: OutgoingMessage): Promise<Outcome> {
    let subscription: PushSubscription;
    try {
      subscription = JSON.parse(m.device!.token) as PushSubscription;
    } catch {
      return { kind: 'unregistered', detail: 'webpush bad subscription' };
    }
    const payload = JSON.stringify({ title: m.rendered.title, body: m.rendered.text, kind: m.kind, data: m.params });
    const request = webpush.generateRequestDetails(subscription, payload, {
      vapidDetails: this.vapid,
      TTL: 24 * 3600,
      urgency: 'normal',
      // A retry replaces an undelivered copy of itself at the push service (RFC 8030 §5.4).
      topic: m.idempotencyKey.replace(/[^A-Za-z0-9_-]/g, '').slice(-32),
    });
    let res: Response;
    try {
      res = await fetch(request.endpoint, {
        method: request.method,
        headers: request.headers as Record<string, string>,
        body: request.body as Uint8Array<ArrayBuffer> | null,
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      return { kind: 'transient', detail: `webpush ${errorCode(error)}` };
    }
    await res.arrayBuffer().catch(() => undefined);
    const detail = `webpush ${res.status}`;
    if (res.status >= 200 && res.status < 300) return { kind: 'sent', providerMessageId: res.headers.get('location') };
    // RFC 8030 §7.3: the subscription expired or was removed.
    if (res.status === 404 || res.status === 410) return { kind: 'unregistered', detail };
    if (isTransientHttp(res.status))
      return { kind: 'transient', detail, retryAfterMs: retryAfterMs(res.headers.get('retry-after')) };
    return { kind: 'permanent', detail };
  }
}
