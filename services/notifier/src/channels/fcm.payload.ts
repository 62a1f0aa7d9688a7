import type { Rendered } from '@qurbani/messages';

/** The FCM HTTP v1 `messages:send` body (firebase.google.com/docs/reference/fcm/rest/v1/projects.messages). */
export interface FcmRequest {
  readonly message: {
    readonly token: string;
    readonly notification: { readonly title: string; readonly body: string };
    /** FCM data values must be strings. */
    readonly data: Readonly<Record<string, string>>;
    readonly android: {
      readonly priority: 'HIGH' | 'NORMAL';
      readonly ttl: string;
      readonly collapse_key: string;
      readonly notification: { readonly tag: string };
    };
    readonly apns: {
      readonly headers: Readonly<Record<string, string>>;
      readonly payload: { readonly aps: { readonly 'thread-id': string } };
    };
  };
}

/**
 * One push for one device token: the text in the recipient's language, ids only in `data`, and the
 * idempotency key as Android tag / APNs collapse id so a repeat replaces, not duplicates, the banner.
 */
export function fcmRequest(
  token: string,
  rendered: Rendered,
  kind: string,
  params: Readonly<Record<string, string>>,
  idempotencyKey: string,
): FcmRequest {
  const collapse = idempotencyKey.replace(/[^A-Za-z0-9_-]/g, '').slice(-64);
  return {
    message: {
      token,
      notification: { title: rendered.title, body: rendered.text },
      data: {
        ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])),
        kind,
        lang: rendered.language,
      },
      android: { priority: 'HIGH', ttl: '86400s', collapse_key: kind, notification: { tag: collapse } },
      apns: {
        headers: { 'apns-priority': '10', 'apns-collapse-id': collapse, 'apns-push-type': 'alert' },
        payload: { aps: { 'thread-id': kind } },
      },
    },
  };
}
