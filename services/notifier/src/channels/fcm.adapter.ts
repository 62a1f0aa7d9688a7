import { NotificationChannel } from '@qurbani/events';
import jwt from 'jsonwebtoken';
import type { Outcome } from '../send/retry.rules.js';
import { errorCode, isTransientHttp, retryAfterMs, type ChannelAdapter, type OutgoingMessage } from './channel.js';
import { fcmRequest } from './fcm.payload.js';

export interface FcmSettings {
  readonly projectId: string;
  /** The service account key: `client_email`, `private_key`, `token_uri`. */
  readonly serviceAccount: { client_email: string; private_key: string; token_uri: string };
  /** Default `https://fcm.googleapis.com`. */
  readonly apiUrl?: string;
}

/** FCM HTTP v1 with an OAuth2 token from the service account (JWT bearer grant, RFC 7523), cached for its life. */
export class FcmAdapter implements ChannelAdapter {
  readonly provider = 'fcm';
  readonly channel = NotificationChannel.PUSH;
  readonly deviceKind = 'FCM' as const;
  private token: { value: string; until: number } | null = null;

  constructor(private readonly settings: FcmSettings) {}

  async send(m: OutgoingMessage): Promise<Outcome> {
    let res: Response;
    try {
      const access = await this.accessToken();
      const base = this.settings.apiUrl ?? 'https://fcm.googleapis.com';
      res = await fetch(`${base}/v1/projects/${this.settings.projectId}/messages:send`, {
        method: 'POST',
        headers: { authorization: `Bearer ${access}`, 'content-type': 'application/json' },
        body: JSON.stringify(fcmRequest(m.device!.token, m.rendered, m.kind, m.params, m.idempotencyKey)),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      return { kind: 'transient', detail: `fcm ${errorCode(error)}` };
    }
    const json = (await res.json().catch(() => ({}))) as {
      name?: string;
      error?: { status?: string; details?: { errorCode?: string }[] };
    };
    if (res.ok) return { kind: 'sent', providerMessageId: json.name ?? null };
    const code = json.error?.details?.find((d) => d.errorCode)?.errorCode ?? json.error?.status ?? '';
    const detail = `fcm ${res.status}${code ? `/${code}` : ''}`;
    if (res.status === 401) this.token = null;
    if (code === 'UNREGISTERED' || res.status === 404) return { kind: 'unregistered', detail };
    if (isTransientHttp(res.status) || res.status === 401) {
      return { kind: 'transient', detail, retryAfterMs: retryAfterMs(res.headers.get('retry-after')) };
    }
    return { kind: 'permanent', detail };
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.until > Date.now() + 60_000) return this.token.value;
    const { client_email, private_key, token_uri } = this.settings.serviceAccount;
    const assertion = jwt.sign({ scope: 'https://www.googleapis.com/auth/firebase.messaging' }, private_key, {
      algorithm: 'RS256',
      issuer: client_email,
      audience: token_uri,
      expiresIn: 3600,
    });
    const res = await fetch(token_uri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
      signal: AbortSignal.timeout(15_000),
    });
    if (!res.ok) throw Object.assign(new Error('token refused'), { code: `oauth ${res.status}` });
    const body = (await res.json()) as { access_token: string; expires_in: number };
    this.token = { value: body.access_token, until: Date.now() + body.expires_in * 1000 };
    return body.access_token;
  }
}
