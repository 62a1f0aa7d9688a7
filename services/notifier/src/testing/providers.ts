import { simpleParser } from 'mailparser';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import smpp, { type PDU, type Session } from 'smpp';
import { SMTPServer } from 'smtp-server';

/** What a provider received, as the recipient would see it. */
export interface Received {
  readonly to: string;
  readonly text: string;
  readonly subject?: string;
  readonly messageId?: string;
  readonly language?: string;
}

/**
 * A real SMTP server (smtp-server) that parses each mail with mailparser. `hold` delays the
 * server's answer to DATA, the moment the client learns the mail was taken; a mail whose client
 * went away before that answer is not counted (as an SMTP server would not deliver it). `refuse`
 * answers a mail with an SMTP error code instead.
 */
export async function smtpServer(
  options: { hold?: (index: number) => Promise<void>; refuse?: () => number | null } = {},
) {
  const mails: Received[] = [];
  let arrived = 0;
  const closed = new Set<string>();
  const server = new SMTPServer({
    onClose(session) {
      closed.add(session.id);
    },
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      // A scripted refusal (e.g. 451 "try again later", 550 "no such mailbox") after reading the mail.
      const refusal = options.refuse?.();
      if (refusal) {
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('refused'), { responseCode: refusal })));
        return;
      }
      const index = arrived++;
      simpleParser(stream)
        .then(async (mail) => {
          await options.hold?.(index);
          if (closed.has(session.id)) return callback(new Error('client went away'));
          mails.push({
            to: (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address ?? '',
            text: (mail.text ?? '').trim(),
            subject: mail.subject,
            messageId: mail.messageId,
            language: String(mail.headers.get('content-language') ?? ''),
          });
          callback();
        })
        .catch(callback);
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A real SMPP 3.4 server (the `smpp` package's server side): binds with a password, answers
 * submit_sm with a message id, and sends a delivery receipt (deliver_sm) for each message. `answer`
 * picks the command_status of each submit (throttling, invalid number...).
 */
export async function smppServer(options: { password: string; answer?: (index: number) => number }) {
  const messages: (Received & { id: string; dataCoding: number })[] = [];
  const sessions = new Set<Session>();
  let submits = 0;
  const server = smpp.createServer({}, (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
    session.on('error', () => undefined);
    session.on('bind_transceiver', (pdu: PDU) => {
      const ok = pdu.password === options.password;
      session.send(pdu.response(ok ? {} : { command_status: smpp.ESME_RBINDFAIL }));
    });
    session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: PDU) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('submit_sm', (pdu: PDU) => {
      const status = options.answer?.(submits++) ?? smpp.ESME_ROK;
      if (status !== smpp.ESME_ROK) return session.send(pdu.response({ command_status: status }));
      const id = `m${messages.length + 1}`;
      const payload = pdu.message_payload ?? pdu.short_message;
      messages.push({
        id,
        to: `+${pdu.destination_addr}`,
        text: typeof payload === 'object' ? payload.message : String(payload),
        dataCoding: pdu.data_coding,
      });
      session.send(pdu.response({ message_id: id }));
      if (pdu.registered_delivery)
        setTimeout(() => {
          session.deliver_sm({
            source_addr: pdu.destination_addr,
            destination_addr: pdu.source_addr,
            esm_class: 0x04,
            short_message: `id:${id} sub:001 dlvrd:001 submit date:2606011200 done date:2606011200 stat:DELIVRD err:000 text:`,
          });
        }, 50);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `smpp://127.0.0.1:${server.address().port}`,
    messages,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sessions) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** `web-push-testing` in this process: a push service that checks VAPID and decrypts what it gets. */
export async function webPushService() {
  const require = createRequire(import.meta.url);
  const Server = require('web-push-testing/src/server.js');
  const { PushApiModel } = require('web-push-testing/src/PushApiModel.js');
  const probe = http.createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const server = new Server(new PushApiModel(), port);
  const log = console.log;
  console.log = () => undefined;
  server.startServer();
  await once(server._server, 'listening');
  console.log = log;
  const base = `http://localhost:${port}`;
  const post = async (path: string, body: unknown) =>
    (await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then((r) => r.json())) as any;
  return {
    /** A browser's subscription for the application server key (the service wants the flag as a string, as a form posts it). */
    async subscribe(applicationServerKey: string): Promise<{ subscription: string; clientHash: string }> {
      const { data } = await post('/subscribe', { userVisibleOnly: 'true', applicationServerKey });
      const { clientHash, ...subscription } = data;
      return { subscription: JSON.stringify(subscription), clientHash };
    },
    async messages(clientHash: string): Promise<any[]> {
      const { data } = await post('/get-notifications', { clientHash });
      return (data?.messages ?? []).map((m: string) => JSON.parse(m));
    },
    expire: (clientHash: string) => fetch(`${base}/expire-subscription/${clientHash}`, { method: 'POST' }),
    close: () => new Promise<void>((resolve) => server._server.close(() => resolve())),
  };
}
