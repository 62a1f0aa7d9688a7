import { NotificationChannel } from '@qurbani/events';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Outcome } from '../send/retry.rules.js';
import { errorCode, type ChannelAdapter, type OutgoingMessage } from './channel.js';

export interface EmailSettings {
  /** `smtp://user:password@host:587` or `smtps://...`; the password never reaches a log. */
  readonly url: string;
  readonly from: string;
  readonly maxConnections?: number;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** E-mail over SMTP with nodemailer (pooled connections). */
export class EmailAdapter implements ChannelAdapter {
  readonly provider = 'smtp';
  readonly channel = NotificationChannel.EMAIL;
  private readonly transport: Transporter;

  constructor(private readonly settings: EmailSettings) {
    this.transport = nodemailer.createTransport(settings.url, {
      pool: true,
      maxConnections: settings.maxConnections ?? 2,
      // Bounded, so a dead server ends as a transient failure instead of holding a lane for minutes.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
      logger: false,
    } as object);
  }

  async send(m: OutgoingMessage): Promise<Outcome> {
    const { title, text, direction, language } = m.rendered;
    try {
      const info = await this.transport.sendMail({
        from: this.settings.from,
        to: m.to,
        subject: title,
        text,
        html: `<div dir="${direction}" lang="${language}">${escapeHtml(text)}</div>`,
        // The same Message-ID on every attempt: a receiving server that saw it can drop a repeat.
        messageId: `<${m.idempotencyKey.replace(/[^A-Za-z0-9.-]/g, '.')}@notifier.qurbani>`,
        headers: { 'Content-Language': language, 'X-Qurbani-Kind': m.kind },
      });
      return { kind: 'sent', providerMessageId: info.messageId ?? null };
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      if (code === 550 || code === 551 || code === 553) return { kind: 'unregistered', detail: `smtp ${code}` };
      if (code && code >= 500) return { kind: 'permanent', detail: `smtp ${code}` };
      return { kind: 'transient', detail: code ? `smtp ${code}` : errorCode(error) };
    }
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
