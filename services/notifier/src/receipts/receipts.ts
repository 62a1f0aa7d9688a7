import type { EventsLogger } from '@qurbani/events';
import { openContact } from '@qurbani/kit';
import { SendState } from '../send/send.entity.js';
import type { SendRepository } from '../send/send.repository.js';
import type { SendWorker } from '../send/send.worker.js';

/** A provider's final word on one message, in this service's states. */
export interface Receipt {
  readonly provider: string;
  readonly providerMessageId: string;
  readonly state: typeof SendState.DELIVERED | typeof SendState.FAILED | typeof SendState.UNREGISTERED;
  readonly detail: string | null;
}

/** Twilio MessageStatus (+ ErrorCode) → state; null for the intermediate ones (queued, sending, sent). */
export function twilioReceipt(status: string, errorCode: string | undefined): Receipt['state'] | null {
  if (status === 'delivered' || status === 'read') return SendState.DELIVERED;
  // 30005 unknown handset, 30006 landline: the number will never take an SMS.
  if (status === 'undelivered' || status === 'failed')
    return errorCode === '30005' || errorCode === '30006' ? SendState.UNREGISTERED : SendState.FAILED;
  return null;
}

/** SMPP receipt `stat:` (SMPP 3.4 appendix B) → state. */
export function smppReceipt(stat: string): Receipt['state'] | null {
  if (stat === 'DELIVRD') return SendState.DELIVERED;
  if (['UNDELIV', 'EXPIRED', 'REJECTD', 'DELETED'].includes(stat)) return SendState.FAILED;
  return null;
}

/** WhatsApp webhook status → state. */
export function whatsappReceipt(status: string): Receipt['state'] | null {
  if (status === 'delivered' || status === 'read') return SendState.DELIVERED;
  if (status === 'failed') return SendState.FAILED;
  return null;
}

/** Applies receipts: moves the send, announces it, and falls back (WhatsApp → SMS) when one failed. */
export class Receipts {
  readonly counters = { applied: 0, unknown: 0 };

  constructor(
    private readonly sends: SendRepository,
    private readonly worker: SendWorker,
    private readonly sealKey: string,
    private readonly logger: EventsLogger,
  ) {}

  async apply(receipt: Receipt, attempt = 1): Promise<void> {
    const result = await this.sends.receipt(
      receipt.provider,
      receipt.providerMessageId,
      receipt.state,
      receipt.detail,
      async (em, s) => {
        if (receipt.state === SendState.DELIVERED || !s.sealed) return;
        await this.worker.fallBack(em, s, openContact(this.sealKey, s.sealed));
      },
    );
    if (result === 'applied') {
      this.counters.applied++;
      if (receipt.state !== SendState.DELIVERED) this.worker.wake();
    } else if (result === 'early' && attempt < EARLY_RETRIES) {
      // The SMS centre's receipt can arrive before the notifier has recorded the centre's own answer.
      setTimeout(() => void this.apply(receipt, attempt + 1).catch(() => undefined), 200 * attempt).unref();
    } else if (result === 'early') {
      this.counters.unknown++;
      this.logger.warn('receipt for an unknown message', { provider: receipt.provider });
    }
  }
}

const EARLY_RETRIES = 10;
