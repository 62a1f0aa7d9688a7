import { NotificationChannel } from '@qurbani/events';
import twilio from 'twilio';
import type { Outcome } from '../send/retry.rules.js';
import { errorCode, isTransientHttp, type ChannelAdapter, type OutgoingMessage } from './channel.js';

export interface TwilioSettings {
  readonly accountSid: string;
  readonly authToken: string;
  /** A Twilio number (E.164) or Messaging Service SID (`MG...`). */
  readonly from: string;
  /** Public URL of this service's `/receipts/twilio`, which Twilio calls with each status change. */
  readonly statusCallbackUrl?: string;
  /** The SDK's HTTP client; tests pass one that talks to a local fake of the Messages API. */
  readonly httpClient?: ConstructorParameters<typeof twilio.Twilio>[2] extends infer O
    ? O extends { httpClient?: infer C }
      ? C
      : never
    : never;
}

// Twilio error codes (twilio.com/docs/api/errors) that mean the number will never take this message.
const UNREGISTERED = new Set([21610 /* recipient replied STOP */, 30005 /* unknown handset */]);
const PERMANENT = new Set([21211 /* invalid To */, 21408 /* region not enabled */, 21614 /* not a mobile */]);

/** SMS through Twilio's Messages API with the official SDK (no SDK-side retries: the worker retries). */
export class TwilioAdapter implements ChannelAdapter {
  readonly provider = 'twilio';
  readonly channel = NotificationChannel.SMS;
  private readonly client: twilio.Twilio;

  constructor(private readonly settings: TwilioSettings) {
    this.client = twilio(settings.accountSid, settings.authToken, {
      autoRetry: false,
      ...(settings.httpClient ? { httpClient: settings.httpClient } : {}),
    });
  }

  async send(m: OutgoingMessage): Promise<Outcome> {
    const from = this.settings.from.startsWith('MG')
      ? { messagingServiceSid: this.settings.from }
      : { from: this.settings.from };
    try {
      const message = await this.client.messages.create({
        to: m.to,
        body: m.rendered.text,
        ...from,
        ...(this.settings.statusCallbackUrl ? { statusCallback: this.settings.statusCallbackUrl } : {}),
      });
      return { kind: 'sent', providerMessageId: message.sid };
    } catch (error) {
      const { status, code } = error as { status?: number; code?: number };
      const detail = `twilio ${status ?? errorCode(error)}${code ? `/${code}` : ''}`;
      if (code && UNREGISTERED.has(code)) return { kind: 'unregistered', detail };
      if (code && PERMANENT.has(code)) return { kind: 'permanent', detail };
      if (!status || isTransientHttp(status)) return { kind: 'transient', detail, retryAfterMs: retryAfter(error) };
      return { kind: 'permanent', detail };
    }
  }
}

const retryAfter = (error: unknown): number | undefined => {
  const headers = (error as { headers?: Record<string, string> }).headers;
  const value = headers?.['retry-after'];
  return value ? Number(value) * 1000 : undefined;
};
