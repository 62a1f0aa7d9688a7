import { NotificationChannel } from '@qurbani/events';
import type { Outcome } from '../send/retry.rules.js';
import { errorCode, isTransientHttp, retryAfterMs, type ChannelAdapter, type OutgoingMessage } from './channel.js';

export interface WhatsAppSettings {
  /** Graph API base, e.g. `https://graph.facebook.com/v21.0`. */
  readonly apiUrl: string;
  readonly phoneNumberId: string;
  readonly accessToken: string;
  /**
   * The approved template: one body parameter (`{{1}}`) that takes the rendered text, approved in
   * every language the charity writes in (en, ar, fr, ur, bn, ha).
   */
  readonly template: string;
}

// Cloud API error codes (developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes).
const THROTTLED = new Set([4, 80007, 130429, 131048, 131056]);
const NOT_ON_WHATSAPP = new Set([131026]);

/** WhatsApp Cloud API template messages, with fetch. */
export class WhatsAppAdapter implements ChannelAdapter {
  readonly provider = 'whatsapp';
  readonly channel = NotificationChannel.WHATSAPP;

  constructor(private readonly settings: WhatsAppSettings) {}

  async send(m: OutgoingMessage): Promise<Outcome> {
    const body = {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: m.to.replace(/^\+/, ''),
      type: 'template',
      template: {
        name: this.settings.template,
        language: { code: m.rendered.language },
        components: [{ type: 'body', parameters: [{ type: 'text', text: m.rendered.text }] }],
      },
    };
    let res: Response;
    try {
      res = await fetch(`${this.settings.apiUrl}/${this.settings.phoneNumberId}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.settings.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      return { kind: 'transient', detail: `whatsapp ${errorCode(error)}` };
    }
    const json = (await res.json().catch(() => ({}))) as {
      messages?: { id: string }[];
      error?: { code?: number };
    };
    if (res.ok && json.messages?.[0]?.id) return { kind: 'sent', providerMessageId: json.messages[0].id };
    const code = json.error?.code;
    const detail = `whatsapp ${res.status}${code ? `/${code}` : ''}`;
    if (code && THROTTLED.has(code))
      return { kind: 'transient', detail, retryAfterMs: retryAfterMs(res.headers.get('retry-after')) ?? 5000 };
    if (code && NOT_ON_WHATSAPP.has(code)) return { kind: 'permanent', detail };
    if (isTransientHttp(res.status))
      return { kind: 'transient', detail, retryAfterMs: retryAfterMs(res.headers.get('retry-after')) };
    return { kind: 'permanent', detail };
  }
}
