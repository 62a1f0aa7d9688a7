import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueue, NotificationKind, Subject, type MessageLanguage } from '@qurbani/events';
import { FieldCipher, newId, sealContact, trackingCode } from '@qurbani/kit';
import type { Delivery } from '../delivery/delivery.entity.js';
import type { Recipient } from '../recipient/recipient.entity.js';
import { TrackingLinkRecord } from '../tracking/tracking-link.entity.js';

/** Who hands out the links the system sends by itself (the nil UUID: no account). */
const SYSTEM = '00000000-0000-0000-0000-000000000000';

export interface FamilyNoticeSettings {
  readonly piiKey: string;
  readonly sealKey: string;
  /** The family tracking page, followed by the link's short code, e.g. `https://track.example.org/t/`. */
  readonly trackingUrlBase: string;
  readonly trackingTtlSeconds: number;
  readonly now: () => Date;
}

/**
 * The family's SMS: its PIN and a tracking link, when its delivery is made and when it sets out.
 * The phone and PIN leave this subgraph only sealed (NOTIFY_SEAL_KEY) inside `notification.dispatch`;
 * the notifier opens them to write the SMS. The link is a revocable tracking-link record whose
 * short code (its id, 22 characters) keeps the SMS within its parts.
 */
export class FamilyNotices {
  private readonly cipher: FieldCipher;

  constructor(private readonly s: FamilyNoticeSettings) {
    this.cipher = new FieldCipher(s.piiKey);
  }

  tell(
    tx: EntityManager,
    delivery: Delivery,
    recipient: Recipient,
    pin: string,
    kind: typeof NotificationKind.FamilyDeliveryCreated | typeof NotificationKind.FamilyOutForDelivery,
  ): void {
    const linkId = newId();
    tx.create(TrackingLinkRecord, {
      id: linkId,
      deliveryId: delivery.id,
      createdBy: SYSTEM,
      expiresAt: new Date(this.s.now().getTime() + this.s.trackingTtlSeconds * 1000),
    });
    const code = trackingCode.of(linkId);
    enqueue(tx, Subject.NotificationDispatch, {
      eventId: newId(),
      recipient: { kind: 'FAMILY', id: recipient.id },
      kind,
      language: recipient.language as MessageLanguage,
      params: { deliveryId: delivery.id },
      channels: ['SMS'],
      sealed: sealContact(this.s.sealKey, {
        phone: this.cipher.decrypt(recipient.phoneEncrypted),
        pin,
        trackingUrl: `${this.s.trackingUrlBase}${code}`,
      }),
    });
  }

  /** The PIN kept for the second SMS (encrypted at rest, erased once delivered). */
  sealPin = (pin: string): string => this.cipher.encrypt(pin);
  openPin = (sealed: string): string => this.cipher.decrypt(sealed);
}
