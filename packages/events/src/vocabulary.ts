/**
 * The words events are written in: the values producers put in payloads and consumers switch on.
 * Each is a const object (keys equal values, so type-graphql's `registerEnumType` and MikroORM's
 * `@Enum` take it like an enum) plus the type of its values. A subgraph that shows one of these in
 * its GraphQL schema registers this object rather than declaring its own copy.
 */

/** Animal species a share can be bought for (shares per animal: see the sacrifice subgraph's shares rule). */
export const Species = { SHEEP: 'SHEEP', GOAT: 'GOAT', COW: 'COW', CAMEL: 'CAMEL' } as const;
export type Species = (typeof Species)[keyof typeof Species];
export const ALL_SPECIES: readonly Species[] = Object.values(Species);
export const isSpecies = (value: unknown): value is Species => ALL_SPECIES.includes(value as Species);

/** Life of a sacrifice as `sacrifice.status-changed` tells it; VERIFIED and FLAGGED follow the proof outcome. */
export const SacrificeStatus = {
  ALLOCATED: 'ALLOCATED',
  ASSIGNED: 'ASSIGNED',
  PERFORMED: 'PERFORMED',
  VERIFIED: 'VERIFIED',
  FLAGGED: 'FLAGGED',
} as const;
export type SacrificeStatus = (typeof SacrificeStatus)[keyof typeof SacrificeStatus];

/** The proof outcome, decided once by the AI orchestrator: VALIDATED when every check passed, FLAGGED for a reviewer otherwise. */
export const VideoOutcome = { VALIDATED: 'VALIDATED', FLAGGED: 'FLAGGED' } as const;
export type VideoOutcome = (typeof VideoOutcome)[keyof typeof VideoOutcome];

/** Result of one automatic check; only `pass` passes, `unavailable` means "unknown", not "false". */
export type CheckStatus = 'pass' | 'fail_suspected' | 'manual_review' | 'unavailable';
export const CHECK_STATUSES: readonly CheckStatus[] = ['pass', 'fail_suspected', 'manual_review', 'unavailable'];

/** A reviewer's decision on a flagged video (REJECT asks the executor for a re-take). */
export type ReviewDecision = 'APPROVE' | 'REJECT';

/** How the sacrifice subgraph answered a cancellation request. */
export type CancelDecision = 'CONFIRMED' | 'REFUSED';

/** Why a cancellation was refused. */
export type CancelRefusal = 'ALREADY_ALLOCATED';

/**
 * Kinds of `notification.send`: the producers send a kind and ids, the notifier owns the wording of
 * each (`services/notifier/src/templates/catalogue/*.ts`: a kind without a text in every language
 * fails its test). To add one: a line here, its text in each catalogue, its audience in
 * `NOTIFICATION_AUDIENCE`.
 */
export const NotificationKind = {
  OrderPlaced: 'ORDER_PLACED',
  OrderPaid: 'ORDER_PAID',
  ShareAllocated: 'SHARE_ALLOCATED',
  /** To each donor on an animal found unfit after allocation: another of its kind took its place (params: sacrificeId, species). */
  AnimalReplaced: 'ANIMAL_REPLACED',
  SacrificePerformed: 'SACRIFICE_PERFORMED',
  VideoValidated: 'VIDEO_VALIDATED',
  VideoUnderReview: 'VIDEO_UNDER_REVIEW',
  VideoApproved: 'VIDEO_APPROVED',
  VideoRejected: 'VIDEO_REJECTED',
  ReceiptReady: 'RECEIPT_READY',
  SacrificeAssigned: 'SACRIFICE_ASSIGNED',
  VideoRetakeRequested: 'VIDEO_RETAKE_REQUESTED',
  VideoUploadRejected: 'VIDEO_UPLOAD_REJECTED',
  RouteAssigned: 'ROUTE_ASSIGNED',
  FamilyDeliveryCreated: 'FAMILY_DELIVERY_CREATED',
  FamilyOutForDelivery: 'FAMILY_OUT_FOR_DELIVERY',
  /** To the staff who collected a hide: salt it, its `preserveBy` is near (params: hideId, siteId, preserveBy). */
  HideAtRisk: 'HIDE_AT_RISK',
  /** To the staff who collected a hide: it passed `preserveBy` unsalted and is SPOILED (params: hideId, siteId). */
  HideSpoiled: 'HIDE_SPOILED',
  // Spelled differently from the others, but clients already match on it.
  MeatDelivered: 'meat.delivered',
} as const;
export type NotificationKind = (typeof NotificationKind)[keyof typeof NotificationKind];
export const ALL_NOTIFICATION_KINDS: readonly NotificationKind[] = Object.values(NotificationKind);

/** Who each kind is written for; a family is a record reached by SMS only, never an account. */
export const NOTIFICATION_AUDIENCE: Readonly<Record<NotificationKind, 'DONOR' | 'EXECUTOR' | 'DRIVER' | 'FAMILY'>> = {
  ORDER_PLACED: 'DONOR',
  ORDER_PAID: 'DONOR',
  SHARE_ALLOCATED: 'DONOR',
  ANIMAL_REPLACED: 'DONOR',
  SACRIFICE_PERFORMED: 'DONOR',
  VIDEO_VALIDATED: 'DONOR',
  VIDEO_UNDER_REVIEW: 'DONOR',
  VIDEO_APPROVED: 'DONOR',
  VIDEO_REJECTED: 'DONOR',
  RECEIPT_READY: 'DONOR',
  'meat.delivered': 'DONOR',
  SACRIFICE_ASSIGNED: 'EXECUTOR',
  VIDEO_RETAKE_REQUESTED: 'EXECUTOR',
  VIDEO_UPLOAD_REJECTED: 'EXECUTOR',
  ROUTE_ASSIGNED: 'DRIVER',
  // The field staff who collected the hide (an executor or a driver).
  HIDE_AT_RISK: 'EXECUTOR',
  HIDE_SPOILED: 'EXECUTOR',
  FAMILY_DELIVERY_CREATED: 'FAMILY',
  FAMILY_OUT_FOR_DELIVERY: 'FAMILY',
};

/** Where a message goes; IN_APP is the donor subgraph's feed, the others the notifier's providers. */
export const NotificationChannel = {
  SMS: 'SMS',
  EMAIL: 'EMAIL',
  WHATSAPP: 'WHATSAPP',
  PUSH: 'PUSH',
  IN_APP: 'IN_APP',
} as const;
export type NotificationChannel = (typeof NotificationChannel)[keyof typeof NotificationChannel];

/** Languages messages are written in (lower-case BCP 47); English is the fallback of every text. */
export const MessageLanguage = { EN: 'en', AR: 'ar', FR: 'fr', UR: 'ur', BN: 'bn', HA: 'ha' } as const;
export type MessageLanguage = (typeof MessageLanguage)[keyof typeof MessageLanguage];
export const ALL_MESSAGE_LANGUAGES: readonly MessageLanguage[] = Object.values(MessageLanguage);

/**
 * How one send on one channel stands, as the notifier reports it in `notification.delivery-updated`:
 * QUEUED (stored, waiting for its turn, quiet hours or the rate limit), SENT (the provider accepted
 * it), DELIVERED (the provider's receipt says it arrived), FAILED (given up on this channel; a
 * fallback may follow), UNREGISTERED (the address or push token no longer exists), DEAD (retries
 * spent on a transient failure: an organizer may replay it).
 */
export const SendStatus = {
  QUEUED: 'QUEUED',
  SENT: 'SENT',
  DELIVERED: 'DELIVERED',
  FAILED: 'FAILED',
  UNREGISTERED: 'UNREGISTERED',
  DEAD: 'DEAD',
} as const;
export type SendStatus = (typeof SendStatus)[keyof typeof SendStatus];
