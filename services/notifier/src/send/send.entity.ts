import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { MessageLanguage, NotificationChannel, NotificationKind } from '@qurbani/events';
import { newId } from '@qurbani/kit';

/** Where a send stands in this service; the statuses others see are `SendStatus` of `@qurbani/events`. */
export const SendState = {
  /** Waiting for its time (first try, a retry's backoff, quiet hours, the provider's rate limit). */
  PENDING: 'PENDING',
  /** Claimed by a worker, which is calling the provider; another takes it over when the lease runs out. */
  SENDING: 'SENDING',
  SENT: 'SENT',
  DELIVERED: 'DELIVERED',
  FAILED: 'FAILED',
  UNREGISTERED: 'UNREGISTERED',
  DEAD: 'DEAD',
} as const;
export type SendState = (typeof SendState)[keyof typeof SendState];

/**
 * One message to one recipient on one channel: the idempotency record. Its key is stored (in the
 * consumer's transaction) before any provider is called, and a provider is called for it only by
 * the worker holding its lease, so each (event, recipient, channel) goes out once.
 */
@Entity({ tableName: 'send' })
@Unique({ properties: ['idempotencyKey'] })
@Index({ properties: ['state', 'dueAt'] })
@Index({ properties: ['provider', 'providerMessageId'] })
export class Send {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  /** `<eventId>:<recipient kind>:<recipient id>:<channel>`. */
  @Property({ type: 'text' })
  idempotencyKey!: string;

  @Property({ type: 'text' })
  eventId!: string;

  @Property({ type: 'uuid', nullable: true })
  notificationId: string | null = null;

  @Property({ type: 'text' })
  recipientKind!: 'ACCOUNT' | 'FAMILY';

  @Property({ type: 'uuid' })
  recipientId!: string;

  @Enum({ items: () => ['SMS', 'EMAIL', 'WHATSAPP', 'PUSH'], type: 'text' })
  channel!: NotificationChannel;

  @Property({ type: 'text' })
  kind!: NotificationKind;

  @Property({ type: 'text' })
  language!: MessageLanguage;

  /** Ids and short values from the event; never an address. */
  @Property({ type: 'jsonb' })
  params!: Record<string, string>;

  /** The sealed contact (NOTIFY_SEAL_KEY), erased once the send is final: a PIN lives here only sealed, only meanwhile. */
  @Property({ type: 'text', nullable: true })
  sealed: string | null = null;

  /** A push send goes to one device; UNREGISTERED names it for pruning. */
  @Property({ type: 'text', nullable: true })
  pushDeviceId: string | null = null;

  @Enum({ items: () => SendState, type: 'text' })
  state: Opt<SendState> = SendState.PENDING;

  @Property({ type: 'timestamptz' })
  dueAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  leaseUntil: Date | null = null;

  @Property({ type: 'integer' })
  attempts: Opt<number> = 0;

  /** The adapter that took it (`smtp`, `smpp`, `twilio`...) and its message id, to match receipts. */
  @Property({ type: 'text', nullable: true })
  provider: string | null = null;

  @Property({ type: 'text', nullable: true })
  providerMessageId: string | null = null;

  /** Provider error code or reason; never an address or the text. */
  @Property({ type: 'text', nullable: true })
  detail: string | null = null;

  /** The send whose permanent failure this one replaces (push → WhatsApp → SMS). */
  @Property({ type: 'uuid', nullable: true })
  fallbackOf: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  sentAt: Date | null = null;

  @Property({ type: 'timestamptz' })
  updatedAt: Opt<Date> = new Date();
}
