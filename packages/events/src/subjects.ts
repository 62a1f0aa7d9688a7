/**
 * Every JetStream subject the platform publishes. Subjects are contracts between subgraphs:
 * add new ones here rather than spelling strings at call sites.
 */
export const Subject = {
  VideoInitialUpload: 'video.initial-upload',
  VideoUploadedPreprocessed: 'video.uploaded-preprocessed',
  VideoProcessedFinal: 'video.processed-final',
  NotificationSend: 'notification.send',
  OrderPlaced: 'order.placed',
  OrderCancelled: 'order.cancelled',
  SacrificeAllocated: 'sacrifice.allocated',
  SacrificeAssigned: 'sacrifice.assigned',
  SacrificeStatusChanged: 'sacrifice.status-changed',
} as const;

/** One of the subject strings in {@link Subject}. */
export type SubjectName = (typeof Subject)[keyof typeof Subject];

/** Subject filters covering every subject above; the platform stream is created with these. */
export const STREAM_SUBJECTS: readonly string[] = ['order.>', 'sacrifice.>', 'video.>', 'notification.>'];

/** Animal species a share can be bought for. */
export type Species = 'SHEEP' | 'GOAT' | 'COW' | 'CAMEL';

/**
 * Payload carried by each subject. Payloads hold ids and the few fields consumers need to act;
 * they never carry phone numbers, addresses, emails or secrets, because the stream is retained
 * and replayable, so consumers look personal data up in the owning subgraph instead.
 */
export interface EventPayloads {
  [Subject.OrderPlaced]: {
    readonly orderId: string;
    readonly donorId: string;
    readonly species: Species;
    readonly shares: readonly { readonly shareId: string; readonly offeredFor: string }[];
  };
  [Subject.OrderCancelled]: { readonly orderId: string };
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
  };
  [Subject.SacrificeStatusChanged]: {
    readonly sacrificeId: string;
    readonly status: string;
    readonly orderIds: readonly string[];
    readonly donorIds: readonly string[];
    /** ISO-8601 time of the change. */
    readonly at: string;
  };
  [Subject.VideoInitialUpload]: { readonly videoId: string; readonly sacrificeId: string };
  [Subject.VideoUploadedPreprocessed]: { readonly videoId: string; readonly sacrificeId: string };
  [Subject.VideoProcessedFinal]: { readonly videoId: string; readonly sacrificeId: string };
  [Subject.NotificationSend]: {
    readonly recipientAccountId: string;
    readonly kind: string;
    readonly params: Readonly<Record<string, string>>;
  };
}

/** The payload type of one subject. */
export type EventPayload<S extends SubjectName = SubjectName> = EventPayloads[S];
