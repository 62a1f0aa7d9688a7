import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import twilio from 'twilio';
import { twilioReceipt, whatsappReceipt, type Receipts } from './receipts.js';

export interface CallbackSecrets {
  /** Twilio signs callbacks with the account's auth token over the URL it was given. */
  readonly twilio?: { authToken: string; callbackUrl: string };
  /** Meta signs webhooks with the app secret (X-Hub-Signature-256); `verifyToken` answers its subscription check. */
  readonly whatsapp?: { appSecret: string; verifyToken: string };
}

const MAX_BODY = 256 * 1024;

async function rawBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * `POST /receipts/twilio` and `GET|POST /receipts/whatsapp`: provider status callbacks. An unsigned
 * or wrongly signed call answers 403 and changes nothing. Returns false for other paths.
 */
export async function handleCallback(
  req: IncomingMessage,
  res: ServerResponse,
  receipts: Receipts,
  secrets: CallbackSecrets,
): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://local');
  const send = (status: number, body = '') => {
    res.writeHead(status, { 'content-type': 'text/plain' });
    res.end(body);
  };
  if (url.pathname === '/receipts/twilio' && req.method === 'POST' && secrets.twilio) {
    const params = Object.fromEntries(new URLSearchParams((await rawBody(req)).toString('utf8')));
    const signature = String(req.headers['x-twilio-signature'] ?? '');
    if (!twilio.validateRequest(secrets.twilio.authToken, signature, secrets.twilio.callbackUrl, params)) {
      send(403);
      return true;
    }
    const state = twilioReceipt(params.MessageStatus ?? '', params.ErrorCode);
    if (state && params.MessageSid)
      await receipts.apply({
        provider: 'twilio',
        providerMessageId: params.MessageSid,
        state,
        detail: params.ErrorCode ? `twilio ${params.ErrorCode}` : null,
      });
    send(204);
    return true;
  }
  if (url.pathname === '/receipts/whatsapp' && secrets.whatsapp) {
    if (req.method === 'GET') {
      const ok =
        url.searchParams.get('hub.mode') === 'subscribe' &&
        url.searchParams.get('hub.verify_token') === secrets.whatsapp.verifyToken;
      send(ok ? 200 : 403, ok ? (url.searchParams.get('hub.challenge') ?? '') : '');
      return true;
    }
    const body = await rawBody(req);
    const expected = `sha256=${createHmac('sha256', secrets.whatsapp.appSecret).update(body).digest('hex')}`;
    const given = String(req.headers['x-hub-signature-256'] ?? '');
    if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) {
      send(403);
      return true;
    }
    const hook = JSON.parse(body.toString('utf8')) as {
      entry?: {
        changes?: { value?: { statuses?: { id: string; status: string; errors?: { code: number }[] }[] } }[];
      }[];
    };
    for (const entry of hook.entry ?? [])
      for (const change of entry.changes ?? [])
        for (const status of change.value?.statuses ?? []) {
          const state = whatsappReceipt(status.status);
          const code = status.errors?.[0]?.code;
          if (state)
            await receipts.apply({
              provider: 'whatsapp',
              providerMessageId: status.id,
              state,
              detail: code ? `whatsapp ${code}` : null,
            });
        }
    send(200);
    return true;
  }
  return false;
}
