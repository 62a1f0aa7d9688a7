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
 * Kinds of `notification.send`: the producers send a kind and ids, the notifier (donor subgraph)
 * owns the wording of each, so a kind with no wording does not compile.
 */
export const NotificationKind = {
  VideoValidated: 'VIDEO_VALIDATED',
  VideoUnderReview: 'VIDEO_UNDER_REVIEW',
  VideoApproved: 'VIDEO_APPROVED',
  VideoRejected: 'VIDEO_REJECTED',
  VideoRetakeRequested: 'VIDEO_RETAKE_REQUESTED',
  VideoUploadRejected: 'VIDEO_UPLOAD_REJECTED',
  /** To the staff who collected a hide: salt it, its `preserveBy` is near (params: hideId, siteId, preserveBy). */
  HideAtRisk: 'HIDE_AT_RISK',
  /** To the staff who collected a hide: it passed `preserveBy` unsalted and is SPOILED (params: hideId, siteId). */
  HideSpoiled: 'HIDE_SPOILED',
  // Spelled differently from the others, but clients already match on it.
  MeatDelivered: 'meat.delivered',
} as const;
export type NotificationKind = (typeof NotificationKind)[keyof typeof NotificationKind];
