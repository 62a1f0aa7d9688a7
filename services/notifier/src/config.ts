import type { EventsLogger } from '@qurbani/events';
import type { MessagingConfig, ServiceConfig } from '@qurbani/kit';
import type { EmailSettings } from './channels/email.adapter.js';
import type { FcmSettings } from './channels/fcm.adapter.js';
import type { SmppSettings } from './channels/smpp.adapter.js';
import type { TwilioSettings } from './channels/twilio.adapter.js';
import type { VapidSettings } from './channels/web-push.adapter.js';
import type { WhatsAppSettings } from './channels/whatsapp.adapter.js';
import type { RetryPolicy } from './send/retry.rules.js';

/** A provider's settings and the sends per second it allows this replica. */
type Provider<S> = S & { readonly perSecond: number };

/**
 * Everything the notifier needs; `env.ts` fills it for a process, tests fill it directly. Each
 * provider is optional: a channel without one fails over (push → WhatsApp → SMS) or is recorded FAILED.
 */
export interface NotifierConfig extends ServiceConfig, MessagingConfig {
  readonly sealKey: string;
  readonly email?: Provider<EmailSettings>;
  /** One SMS provider: SMPP to an SMS centre or Twilio's API. */
  readonly sms?: Provider<{ kind: 'smpp'; smpp: SmppSettings } | { kind: 'twilio'; twilio: TwilioSettings }>;
  readonly whatsapp?: Provider<WhatsAppSettings & { appSecret?: string; verifyToken?: string }>;
  readonly webPush?: Provider<VapidSettings>;
  readonly fcm?: Provider<FcmSettings>;
  readonly retry: RetryPolicy;
  readonly concurrency: number;
  readonly leaseMs: number;
  readonly pollMs: number;
  readonly smsSegmentBudget: number;
  logger?: EventsLogger;
}
