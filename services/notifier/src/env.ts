import { credential, natsConfig, natsEnv, notifySealEnv, parseEnv, serviceConfig, serviceEnv } from '@qurbani/kit';
import { z } from 'zod';
import type { NotifierConfig } from './config.js';

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

// Providers are chosen by configuration (one deployment per charity): a provider is on when its
// variables are set. Credentials are `credential()`s: never logged, refused in production when a
// development value. The notifier answers no gateway: no internal secret.
const env = parseEnv({
  ...serviceEnv('NOTIFIER', 4310),
  ...natsEnv,
  ...notifySealEnv,
  NOTIFIER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  NOTIFIER_LEASE_MS: z.coerce.number().int().min(1000).default(60_000),
  NOTIFIER_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(8),
  NOTIFIER_RETRY_BASE_MS: z.coerce.number().int().positive().default(2000),
  NOTIFIER_RETRY_MAX_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(15 * 60_000),
  SMS_SEGMENT_BUDGET: z.coerce.number().int().min(1).max(10).default(3),
  SMTP_URL: credential(),
  SMTP_FROM: z.string().default('Qurbani <no-reply@qurbani.example>'),
  SMTP_PER_SECOND: z.coerce.number().positive().default(20),
  SMS_PROVIDER: z.enum(['smpp', 'twilio', 'none']).default('none'),
  SMS_PER_SECOND: z.coerce.number().positive().default(10),
  SMPP_URL: z.string().default('smpp://127.0.0.1:2775'),
  SMPP_SYSTEM_ID: z.string().default('qurbani'),
  SMPP_PASSWORD: credential(),
  SMS_SENDER: z.string().default('Qurbani'),
  TWILIO_ACCOUNT_SID: optional(z.string()),
  TWILIO_AUTH_TOKEN: credential(),
  TWILIO_STATUS_CALLBACK_URL: optional(z.url()),
  WHATSAPP_PHONE_NUMBER_ID: optional(z.string()),
  WHATSAPP_ACCESS_TOKEN: credential(),
  WHATSAPP_APP_SECRET: credential(),
  WHATSAPP_VERIFY_TOKEN: credential(),
  WHATSAPP_API_URL: z.url().default('https://graph.facebook.com/v21.0'),
  WHATSAPP_TEMPLATE: z.string().default('qurbani_update'),
  WHATSAPP_PER_SECOND: z.coerce.number().positive().default(20),
  VAPID_SUBJECT: z.string().default('mailto:ops@qurbani.example'),
  VAPID_PUBLIC_KEY: optional(z.string()),
  VAPID_PRIVATE_KEY: credential(),
  FCM_PROJECT_ID: optional(z.string()),
  /** The service account key file's JSON. */
  FCM_SERVICE_ACCOUNT: credential(),
  PUSH_PER_SECOND: z.coerce.number().positive().default(50),
});

const smsPerSecond = env.SMS_PER_SECOND;

export const config: NotifierConfig = {
  ...serviceConfig(env, 'NOTIFIER'),
  ...natsConfig(env),
  sealKey: env.NOTIFY_SEAL_KEY,
  concurrency: env.NOTIFIER_CONCURRENCY,
  leaseMs: env.NOTIFIER_LEASE_MS,
  pollMs: 1000,
  smsSegmentBudget: env.SMS_SEGMENT_BUDGET,
  retry: {
    maxAttempts: env.NOTIFIER_MAX_ATTEMPTS,
    baseDelayMs: env.NOTIFIER_RETRY_BASE_MS,
    maxDelayMs: env.NOTIFIER_RETRY_MAX_MS,
  },
  ...(env.SMTP_URL ? { email: { url: env.SMTP_URL, from: env.SMTP_FROM, perSecond: env.SMTP_PER_SECOND } } : {}),
  ...(env.SMS_PROVIDER === 'smpp' && env.SMPP_PASSWORD
    ? {
        sms: {
          kind: 'smpp' as const,
          perSecond: smsPerSecond,
          smpp: {
            url: env.SMPP_URL,
            systemId: env.SMPP_SYSTEM_ID,
            password: env.SMPP_PASSWORD,
            sourceAddr: env.SMS_SENDER,
          },
        },
      }
    : {}),
  ...(env.SMS_PROVIDER === 'twilio' && env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN
    ? {
        sms: {
          kind: 'twilio' as const,
          perSecond: smsPerSecond,
          twilio: {
            accountSid: env.TWILIO_ACCOUNT_SID,
            authToken: env.TWILIO_AUTH_TOKEN,
            from: env.SMS_SENDER,
            statusCallbackUrl: env.TWILIO_STATUS_CALLBACK_URL,
          },
        },
      }
    : {}),
  ...(env.WHATSAPP_PHONE_NUMBER_ID && env.WHATSAPP_ACCESS_TOKEN
    ? {
        whatsapp: {
          apiUrl: env.WHATSAPP_API_URL,
          phoneNumberId: env.WHATSAPP_PHONE_NUMBER_ID,
          accessToken: env.WHATSAPP_ACCESS_TOKEN,
          template: env.WHATSAPP_TEMPLATE,
          appSecret: env.WHATSAPP_APP_SECRET,
          verifyToken: env.WHATSAPP_VERIFY_TOKEN,
          perSecond: env.WHATSAPP_PER_SECOND,
        },
      }
    : {}),
  ...(env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY
    ? {
        webPush: {
          subject: env.VAPID_SUBJECT,
          publicKey: env.VAPID_PUBLIC_KEY,
          privateKey: env.VAPID_PRIVATE_KEY,
          perSecond: env.PUSH_PER_SECOND,
        },
      }
    : {}),
  ...(env.FCM_PROJECT_ID && env.FCM_SERVICE_ACCOUNT
    ? {
        fcm: {
          projectId: env.FCM_PROJECT_ID,
          serviceAccount: JSON.parse(env.FCM_SERVICE_ACCOUNT),
          perSecond: env.PUSH_PER_SECOND,
        },
      }
    : {}),
};
