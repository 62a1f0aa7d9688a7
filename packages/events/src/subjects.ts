import type {
  CancelDecision,
  CancelRefusal,
  CheckStatus,
  MessageLanguage,
  NotificationChannel,
  NotificationKind,
  ReviewDecision,
  SacrificeStatus,
  SendStatus,
  Species,
  VideoOutcome,
} from './vocabulary.js';

/**
 * Every JetStream subject the platform publishes. Subjects are contracts between subgraphs:
 * add new ones here rather than spelling strings at call sites.
 */
export const Subject = {
  VideoInitialUpload: 'video.initial-upload',
  VideoUploadedPreprocessed: 'video.uploaded-preprocessed',
  VideoProcessedFinal: 'video.processed-final',
  NotificationSend: 'notification.send',
  NotificationDispatch: 'notification.dispatch',
  NotificationDeliveryUpdated: 'notification.delivery-updated',
  OrderPlaced: 'order.placed',
  OrderCancelRequested: 'order.cancel-requested',
  OrderCancelled: 'order.cancelled',
  OrderDelivered: 'order.delivered',
  OrderPaid: 'order.paid',
  OrderExpired: 'order.expired',
  OrderRefunded: 'order.refunded',
  PriceSet: 'sacrifice.price-set',
  SiteArchiveSet: 'sacrifice.site-archive-set',
  OrderCancelDecided: 'sacrifice.order-cancel-decided',
  SacrificeAllocated: 'sacrifice.allocated',
  SacrificeAssigned: 'sacrifice.assigned',
  SacrificeStatusChanged: 'sacrifice.status-changed',
  VideoReviewed: 'video.reviewed',
  AccountRolesSet: 'account.roles-set',
  SiteStaffSet: 'sacrifice.site-staff-set',
} as const;

/** One of the subject strings in {@link Subject}. */
export type SubjectName = (typeof Subject)[keyof typeof Subject];

/** Subject filters covering every subject above; the platform stream is created with these. */
export const STREAM_SUBJECTS: readonly string[] = ['order.>', 'sacrifice.>', 'video.>', 'notification.>', 'account.>'];

/** One check of a proof video as the model service reported it. */
export interface CheckReport {
  readonly status: CheckStatus;
  /** Model and version that produced it (`none` when no model is configured). */
  readonly model: string;
  readonly version: string;
  /** What the model saw: detections with frame times, per-name keyword scores; names, never other personal data. */
  readonly evidence: Readonly<Record<string, unknown>>;
}

/**
 * Payload carried by each subject. Payloads hold ids and the few fields consumers need to act;
 * they never carry phone numbers, addresses, emails or secrets, because the stream is retained
 * and replayable, so consumers look personal data up in the owning subgraph instead.
 */
export interface EventPayloads {
  /**
   * An account's roles as identity now holds them (on creation and on every change): subgraphs that
   * give work to staff keep a copy, so an executor or driver is checked without calling identity.
   * `disabled` accounts take no new work. No login, name or contact: ids and roles only.
   */
  [Subject.AccountRolesSet]: {
    readonly accountId: string;
    readonly roles: readonly string[];
    readonly disabled: boolean;
  };
  /**
   * An organizer added (`active`) or removed an account as `role` staff of a site (sacrifice owns sites);
   * the delivery subgraph keeps its drivers per site from it.
   */
  [Subject.SiteStaffSet]: {
    readonly siteId: string;
    readonly accountId: string;
    readonly role: 'EXECUTOR' | 'DRIVER';
    readonly active: boolean;
  };
  [Subject.OrderPlaced]: {
    readonly orderId: string;
    readonly donorId: string;
    readonly species: Species;
    readonly shares: readonly { readonly shareId: string; readonly offeredFor: string }[];
    /** The site whose animals the shares go to, and its season; absent in events written before prices. */
    readonly siteId?: string;
    readonly seasonId?: string;
  };
  /** The order's payments cover its amount (a verified provider event or an organizer's offline record). */
  [Subject.OrderPaid]: { readonly orderId: string };
  /** The order stayed unpaid past its hold; its shares are released and it will not be allocated. */
  [Subject.OrderExpired]: { readonly orderId: string };
  /**
   * A refund left a paid order no longer covered; the sacrifice subgraph, which owns allocation,
   * releases its shares that are not yet sacrificed (and answers nothing: the refund is a fact).
   */
  [Subject.OrderRefunded]: { readonly orderId: string };
  /**
   * The charity set the price of one share of a species at a site (in the site's currency). `version`
   * grows with each change of that site and species, so a copy keeps the highest it has seen.
   */
  [Subject.PriceSet]: {
    readonly siteId: string;
    readonly seasonId: string;
    readonly species: Species;
    readonly amountMinor: number;
    readonly currency: string;
    readonly version: number;
  };
  /**
   * An organizer archived a site (`archived`: it takes no new orders) or brought it back. `version`
   * grows with each change of that site, so a copy keeps the highest it has seen whatever the order.
   */
  [Subject.SiteArchiveSet]: {
    readonly siteId: string;
    readonly seasonId: string;
    readonly archived: boolean;
    readonly version: number;
  };
  /** The donor asked to cancel; the sacrifice subgraph, which owns allocation, decides. */
  [Subject.OrderCancelRequested]: { readonly orderId: string };
  /** The order is CANCELLED (after the sacrifice subgraph confirmed); a final fact, no consumer needs it yet. */
  [Subject.OrderCancelled]: { readonly orderId: string };
  /**
   * The delivery subgraph delivered every meat pack of every sacrifice of the order it knows
   * (sacrificed animals with at least one pack); the donor subgraph moves the order to DELIVERED.
   */
  [Subject.OrderDelivered]: {
    readonly orderId: string;
    readonly sacrificeIds: readonly string[];
    /** ISO-8601 time of the last delivery. */
    readonly deliveredAt: string;
  };
  /**
   * The sacrifice subgraph's answer to `order.cancel-requested`, decided in the transaction that
   * locks the order's shares against allocation: CONFIRMED means every share was released and none
   * will be allocated; REFUSED (`ALREADY_ALLOCATED`) means some share already stands on an animal.
   */
  [Subject.OrderCancelDecided]: {
    readonly orderId: string;
    readonly decision: CancelDecision;
    readonly reason?: CancelRefusal;
    /** ISO-8601 time of the decision. */
    readonly decidedAt: string;
  };
  [Subject.SacrificeAllocated]: {
    readonly sacrificeId: string;
    readonly animalId: string;
    readonly siteId: string;
    readonly species: Species;
    readonly orderIds: readonly string[];
    readonly donorIds: readonly string[];
  };
  [Subject.SacrificeAssigned]: {
    readonly sacrificeId: string;
    readonly executorId: string;
    readonly donorIds: readonly string[];
    /**
     * What the AI orchestrator needs to check the proof video: the site and its IANA time zone (to
     * find the other names expected there the same local day), the species, and every name the
     * executor must say (the shares' `offeredFor`, in share order; 1 to 7). Absent in events
     * written before they were added.
     */
    readonly siteId?: string;
    readonly timeZone?: string;
    readonly species?: Species;
    readonly names?: readonly string[];
    /** ISO-8601 end of the site's sacrifice window: reviewers take videos due first (absent in older events). */
    readonly windowEndsAt?: string;
  };
  [Subject.SacrificeStatusChanged]: {
    readonly sacrificeId: string;
    readonly status: SacrificeStatus;
    readonly orderIds: readonly string[];
    readonly donorIds: readonly string[];
    /** ISO-8601 time of the change. */
    readonly at: string;
  };
  /** An upload finished and its checksum matched; the preprocessing worker picks it up. */
  [Subject.VideoInitialUpload]: {
    readonly videoId: string;
    readonly sacrificeId: string;
    /** Object-store key of the original file (resolve with `@qurbani/storage`). */
    readonly storageKey: string;
    /** Hex sha256 of the original file, verified at the end of the upload. */
    readonly sha256: string;
    readonly sizeBytes: number;
  };
  /**
   * The original is stored, probed (it has video and sound) and its audio extracted: all the AI
   * needs. The playback renditions (HLS ladder, thumbnail, blurred copy with audio) are made after
   * this event at a lower CPU priority, so they never delay a verdict. Keys resolve through
   * `@qurbani/storage` (`localPath(key)` on a local-disk store).
   */
  [Subject.VideoUploadedPreprocessed]: {
    readonly videoId: string;
    readonly sacrificeId: string;
    /** Object-store key of the original file. */
    readonly storageKey: string;
    /** Object-store key of a 16 kHz mono PCM wav of the audio track; omitted if none was extracted. */
    readonly audioKey?: string;
    readonly durationSeconds: number;
  };
  /**
   * The AI orchestrator's verdict on one video. `outcome` is the proof outcome, decided there and
   * only there (`proof-outcome.rules.ts`): consumers store and act on it, they never recompute it.
   */
  [Subject.VideoProcessedFinal]: {
    readonly videoId: string;
    readonly sacrificeId: string;
    readonly outcome: VideoOutcome;
    readonly checks: { readonly scene: CheckReport; readonly names: CheckReport };
    /** Model service name and version, e.g. `qurbani-model 0.1.0`. */
    readonly model: string;
    /** ISO-8601 time the analysis finished. */
    readonly analyzedAt: string;
  };
  /** A reviewer decided on a flagged video (REJECT asks the executor for a re-take). */
  [Subject.VideoReviewed]: {
    readonly videoId: string;
    readonly sacrificeId: string;
    readonly decision: ReviewDecision;
    /** ISO-8601 time of the decision. */
    readonly decidedAt: string;
  };
  [Subject.NotificationSend]: {
    readonly recipientAccountId: string;
    readonly kind: NotificationKind;
    readonly params: Readonly<Record<string, string>>;
  };
  /**
   * One message routed to one recipient, written by the service that owns the recipient's contact
   * details and preferences (donor subgraph for accounts, delivery subgraph for families) for the
   * notifier. `sealed` is the only personal data and travels encrypted with `NOTIFY_SEAL_KEY`
   * (see `@qurbani/kit` `sealContact`): phone, email, push devices, and for a family the PIN.
   */
  [Subject.NotificationDispatch]: {
    /** The `notification.send` event id (or the family event's outbox id): the base of every idempotency key. */
    readonly eventId: string;
    /** The feed entry it belongs to (accounts only). */
    readonly notificationId?: string;
    readonly recipient: { readonly kind: 'ACCOUNT' | 'FAMILY'; readonly id: string };
    readonly kind: NotificationKind;
    readonly language: MessageLanguage;
    /** Ids and short non-personal values (a reason, an amount); never names, phones or addresses. */
    readonly params: Readonly<Record<string, string>>;
    /** Channels the recipient chose, IN_APP excluded; a permanent failure falls back push → WhatsApp → SMS. */
    readonly channels: readonly NotificationChannel[];
    /** IANA zone and `HH:MM-HH:MM` window in which nothing but a family's PIN is sent; absent: none. */
    readonly quietHours?: { readonly timeZone: string; readonly window: string };
    readonly sealed: string;
    /** Set by `replayNotification`: sends that ended FAILED or DEAD are tried again. */
    readonly replay?: number;
  };
  /** The notifier's news about one send (one recipient, one channel); no address, no text. */
  [Subject.NotificationDeliveryUpdated]: {
    readonly eventId: string;
    readonly notificationId?: string;
    readonly recipient: { readonly kind: 'ACCOUNT' | 'FAMILY'; readonly id: string };
    readonly channel: NotificationChannel;
    readonly status: SendStatus;
    /** Provider error code or reason, never an address. */
    readonly detail?: string;
    /** Set with UNREGISTERED on PUSH: the device registration to remove. */
    readonly pushDeviceId?: string;
    /** ISO-8601. */
    readonly at: string;
  };
}

/** A device that receives push: a Web Push subscription (JSON) or an FCM registration token. */
export interface PushDevice {
  readonly id: string;
  readonly kind: 'WEB' | 'FCM';
  readonly token: string;
}

/** What `notification.dispatch` carries sealed (see `sealContact` in `@qurbani/kit`). */
export interface DispatchContact {
  readonly phone?: string;
  readonly email?: string;
  readonly pushDevices?: readonly PushDevice[];
  /** A family's delivery PIN and tracking link: put into its SMS only, never logged, never stored by the notifier. */
  readonly pin?: string;
  readonly trackingUrl?: string;
}

/** The payload type of one subject. */
export type EventPayload<S extends SubjectName = SubjectName> = EventPayloads[S];
