import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import { generateKeyPairSync } from 'node:crypto';

type Handler = (
  req: http.IncomingMessage,
  body: string,
) => { status: number; body: unknown; headers?: Record<string, string> };

async function serve(handler: Handler) {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const out = handler(req, Buffer.concat(chunks).toString('utf8'));
    res.writeHead(out.status, { 'content-type': 'application/json', ...out.headers });
    res.end(JSON.stringify(out.body));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/**
 * Twilio's Messages API as documented (twilio.com/docs/messaging/api/message-resource#create-a-message-resource):
 * Basic auth with the account SID and auth token, a form body with To, Body and From or
 * MessagingServiceSid; 201 with the Message resource, or an error object `{code, message, more_info, status}`.
 * `answer(index)` scripts errors: a Twilio error code, or 429.
 */
export async function twilioFake(
  accountSid: string,
  authToken: string,
  answer: (i: number) => number | null = () => null,
) {
  const messages: { sid: string; to: string; body: string; from?: string; statusCallback?: string }[] = [];
  let calls = 0;
  const fake = await serve((req, raw) => {
    const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
    if (req.headers.authorization !== expectedAuth)
      return {
        status: 401,
        body: {
          code: 20003,
          message: 'Authenticate',
          more_info: 'https://www.twilio.com/docs/errors/20003',
          status: 401,
        },
      };
    if (req.method !== 'POST' || req.url !== `/2010-04-01/Accounts/${accountSid}/Messages.json`)
      return { status: 404, body: { code: 20404, message: 'The requested resource was not found', status: 404 } };
    const form = new URLSearchParams(raw);
    const [to, body] = [form.get('To'), form.get('Body')];
    if (!to || !body || !(form.get('From') || form.get('MessagingServiceSid')))
      return { status: 400, body: { code: 21604, message: "A 'To' phone number is required.", status: 400 } };
    const scripted = answer(calls++);
    if (scripted === 429)
      return {
        status: 429,
        headers: { 'retry-after': '1' },
        body: { code: 20429, message: 'Too Many Requests', status: 429 },
      };
    if (scripted)
      return {
        status: 400,
        body: {
          code: scripted,
          message: `error ${scripted}`,
          more_info: `https://www.twilio.com/docs/errors/${scripted}`,
          status: 400,
        },
      };
    const sid = `SM${String(messages.length + 1).padStart(32, '0')}`;
    messages.push({
      sid,
      to,
      body,
      from: form.get('From') ?? undefined,
      statusCallback: form.get('StatusCallback') ?? undefined,
    });
    return {
      status: 201,
      body: {
        sid,
        account_sid: accountSid,
        to,
        from: form.get('From'),
        body,
        status: 'queued',
        num_segments: '1',
        direction: 'outbound-api',
        api_version: '2010-04-01',
        date_created: new Date().toUTCString(),
        uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`,
      },
    };
  });
  return { ...fake, messages };
}

/** The Twilio SDK's HTTP client, pointed at the fake: same requests, another host. */
export class LocalTwilioClient {
  constructor(private readonly base: string) {}
  async request(opts: {
    method: string;
    uri: string;
    username?: string;
    password?: string;
    data?: Record<string, unknown>;
    headers?: Record<string, string>;
  }) {
    const url = new URL(opts.uri);
    const res = await fetch(`${this.base}${url.pathname}${url.search}`, {
      method: opts.method.toUpperCase(),
      headers: {
        ...opts.headers,
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`,
      },
      body: opts.data ? new URLSearchParams(opts.data as Record<string, string>).toString() : undefined,
    });
    return { statusCode: res.status, body: await res.text(), headers: Object.fromEntries(res.headers) };
  }
}

/**
 * WhatsApp Cloud API `POST /{phone-number-id}/messages` with a template, as documented
 * (developers.facebook.com/docs/whatsapp/cloud-api/reference/messages): Bearer token, JSON body;
 * 200 `{messaging_product, contacts, messages:[{id}]}` or `{error:{message,type,code,fbtrace_id}}`.
 * `answer(to)` scripts an error code for a number (131026: not on WhatsApp; 130429: rate limit).
 */
export async function whatsappFake(
  phoneNumberId: string,
  token: string,
  answer: (to: string) => number | null = () => null,
) {
  const messages: { id: string; to: string; template: string; language: string; text: string }[] = [];
  const fake = await serve((req, raw) => {
    const error = (status: number, code: number, message: string) => ({
      status,
      body: { error: { message, type: 'OAuthException', code, fbtrace_id: 'AbCdEf' } },
    });
    if (req.headers.authorization !== `Bearer ${token}`) return error(401, 190, 'Invalid OAuth access token.');
    if (req.url !== `/${phoneNumberId}/messages`) return error(400, 100, 'Unsupported post request.');
    const body = JSON.parse(raw);
    const text = body?.template?.components?.[0]?.parameters?.[0]?.text;
    if (
      body.messaging_product !== 'whatsapp' ||
      body.type !== 'template' ||
      !body.template?.name ||
      !body.template?.language?.code ||
      typeof text !== 'string'
    )
      return error(400, 100, 'Invalid parameter');
    const scripted = answer(body.to);
    if (scripted === 130429) return error(429, 130429, 'Rate limit hit');
    if (scripted) return error(400, scripted, 'Message undeliverable');
    const id = `wamid.${messages.length + 1}`;
    messages.push({ id, to: body.to, template: body.template.name, language: body.template.language.code, text });
    return {
      status: 200,
      body: { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id }] },
    };
  });
  return { ...fake, messages };
}

/**
 * FCM HTTP v1 as documented: an OAuth2 token endpoint taking the service account's JWT bearer
 * grant (RS256, checked with its public key), then `POST /v1/projects/{id}/messages:send` with the
 * Bearer token; 200 `{name}` or `{error:{code,status,details:[{errorCode}]}}` (UNREGISTERED, QUOTA_EXCEEDED).
 */
export async function fcmFake(
  projectId: string,
  answer: (token: string) => 'UNREGISTERED' | 'QUOTA_EXCEEDED' | null = () => null,
) {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const accessToken = 'ya29.test-token';
  const sent: any[] = [];
  let quotaHits = 0;
  let base = '';
  const fake = await serve((req, raw) => {
    if (req.url === '/token') {
      const form = new URLSearchParams(raw);
      try {
        jwt.verify(form.get('assertion') ?? '', publicKey, { algorithms: ['RS256'], audience: `${base}/token` });
      } catch {
        return { status: 400, body: { error: 'invalid_grant' } };
      }
      return { status: 200, body: { access_token: accessToken, expires_in: 3599, token_type: 'Bearer' } };
    }
    if (req.headers.authorization !== `Bearer ${accessToken}`)
      return { status: 401, body: { error: { code: 401, status: 'UNAUTHENTICATED' } } };
    if (req.url !== `/v1/projects/${projectId}/messages:send`)
      return { status: 404, body: { error: { code: 404, status: 'NOT_FOUND' } } };
    const { message } = JSON.parse(raw);
    const scripted = answer(message.token);
    if (scripted === 'QUOTA_EXCEEDED' && quotaHits++ < 1)
      return {
        status: 429,
        headers: { 'retry-after': '1' },
        body: {
          error: {
            code: 429,
            status: 'RESOURCE_EXHAUSTED',
            details: [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode: 'QUOTA_EXCEEDED' }],
          },
        },
      };
    if (scripted === 'UNREGISTERED')
      return {
        status: 404,
        body: {
          error: {
            code: 404,
            status: 'NOT_FOUND',
            details: [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode: 'UNREGISTERED' }],
          },
        },
      };
    sent.push(message);
    return { status: 200, body: { name: `projects/${projectId}/messages/${sent.length}` } };
  });
  base = fake.base;
  const serviceAccount = {
    client_email: `notifier@${projectId}.iam.gserviceaccount.com`,
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    token_uri: `${fake.base}/token`,
  };
  return { ...fake, sent, serviceAccount };
}
