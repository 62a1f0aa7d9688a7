import { NotificationChannel } from '@qurbani/events';
import smpp, { type PDU, type Session } from 'smpp';
import type { Outcome } from '../send/retry.rules.js';
import type { ChannelAdapter, OutgoingMessage } from './channel.js';

export interface SmppSettings {
  /** `smpp://host:2775` (or `ssmpp://` for TLS). */
  readonly url: string;
  readonly systemId: string;
  readonly password: string;
  /** Sender id shown on the phone (alphanumeric or a number). */
  readonly sourceAddr: string;
  readonly timeoutMs?: number;
}

/** A delivery receipt from the SMS centre: its message id and final state (SMPP 3.4 appendix B). */
export interface SmppReceipt {
  readonly messageId: string;
  readonly stat: string;
}

// SMPP 3.4 §5.1.3 command_status values a centre answers when it is busy, not when it refuses.
const BUSY = new Set([smpp.ESME_RTHROTTLED, smpp.ESME_RMSGQFUL, smpp.ESME_RSYSERR]);

/**
 * SMS over SMPP: one transceiver session, bound lazily and re-bound after it drops. The whole text
 * goes in `message_payload` and the centre splits it into parts; `registered_delivery` asks for
 * receipts, which arrive as `deliver_sm` on the same session.
 */
export class SmppAdapter implements ChannelAdapter {
  readonly provider = 'smpp';
  readonly channel = NotificationChannel.SMS;
  private session: Promise<Session> | null = null;
  private closed = false;

  constructor(
    private readonly settings: SmppSettings,
    private readonly onReceipt: (receipt: SmppReceipt) => void = () => undefined,
  ) {}

  async send(m: OutgoingMessage): Promise<Outcome> {
    let session: Session;
    try {
      session = await this.bound();
    } catch (error) {
      return { kind: 'transient', detail: `smpp bind: ${(error as Error).message}` };
    }
    const response = await new Promise<PDU | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), this.settings.timeoutMs ?? 10_000);
      session.submit_sm(
        {
          source_addr: this.settings.sourceAddr,
          // International number without its '+': TON 1 / NPI 1 (E.164) say what it is.
          destination_addr: m.to.replace(/^\+/, ''),
          dest_addr_ton: 1,
          dest_addr_npi: 1,
          registered_delivery: 1,
          message_payload: m.rendered.text,
        },
        (pdu) => {
          clearTimeout(timer);
          resolve(pdu);
        },
      );
    });
    if (!response) return { kind: 'transient', detail: 'smpp timeout' };
    const status = response.command_status;
    if (status === smpp.ESME_ROK) return { kind: 'sent', providerMessageId: String(response.message_id) };
    if (BUSY.has(status)) return { kind: 'transient', detail: `smpp 0x${status.toString(16)}`, retryAfterMs: 1000 };
    return { kind: 'permanent', detail: `smpp 0x${status.toString(16)}` };
  }

  private bound(): Promise<Session> {
    if (this.closed) return Promise.reject(new Error('closed'));
    this.session ??= new Promise<Session>((resolve, reject) => {
      const session = smpp.connect({ url: this.settings.url, auto_enquire_link_period: 10_000 });
      const forget = () => {
        this.session = null;
      };
      session.on('error', (error: Error) => {
        forget();
        reject(error);
      });
      session.on('close', forget);
      session.on('deliver_sm', (pdu: PDU) => {
        session.send(pdu.response());
        const receipt = parseReceipt(pdu);
        if (receipt) this.onReceipt(receipt);
      });
      session.bind_transceiver({ system_id: this.settings.systemId, password: this.settings.password }, (pdu) => {
        if (pdu.command_status === smpp.ESME_ROK) return resolve(session);
        forget();
        session.close();
        reject(new Error(`bind refused 0x${pdu.command_status.toString(16)}`));
      });
    });
    return this.session;
  }

  async close(): Promise<void> {
    this.closed = true;
    const session = await this.session?.catch(() => null);
    if (session) await new Promise<void>((resolve) => session.close(() => resolve()));
  }
}

/** `id:<id> sub:001 dlvrd:001 ... stat:DELIVRD err:000 text:...`, or the receipted_message_id TLV. */
function parseReceipt(pdu: PDU): SmppReceipt | null {
  // esm_class bit 2: "SMSC delivery receipt" (SMPP 3.4 §5.2.12).
  if (!(Number(pdu.esm_class) & 0x04)) return null;
  const body = typeof pdu.short_message === 'object' ? pdu.short_message?.message : pdu.short_message;
  const text = String(body ?? '');
  const id = pdu.receipted_message_id ?? /id:(\S+)/.exec(text)?.[1];
  const stat = /stat:(\w+)/.exec(text)?.[1];
  return id && stat ? { messageId: String(id), stat } : null;
}
