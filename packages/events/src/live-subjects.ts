import { wireSubject } from './subject-prefix.js';

/**
 * Live fan-out: short-lived signals that something a subscriber may follow changed, on core NATS
 * subjects `<prefix>.live.<kind>.<id>` (outside the JetStream stream: not retained, not replayed).
 * Every gateway replica subscribes to the subjects its own subscribers follow, so one signal
 * reaches each replica once. Signals carry ids, statuses and positions, never names, phones or
 * addresses: the gateway resolves what a subscriber selected through the graph, as that subscriber.
 */
export const LiveKind = {
  /** id = order id; its status or payment changed. */
  Order: 'order',
  /** id = sacrifice id; allocated, assigned, performed, verified... */
  Sacrifice: 'sacrifice',
  /** id = video id; uploaded, processing, verdict, review. */
  Video: 'video',
  /** id = delivery id; routed, out for delivery, delivered, PIN locked. */
  Delivery: 'delivery',
  /** id = delivery id; the driver carrying it moved (only while it is out for delivery). */
  Position: 'position',
  /** id = route id; the driver of the route moved (organizers' live map). */
  RoutePosition: 'route-position',
  /** id = account id; a notification was added to the account's in-app feed. */
  Notification: 'notification',
  /** id = {@link REVIEW_QUEUE_TOPIC}; a video joined the review queue (FLAGGED). */
  Review: 'review',
  /** id = season id; a figure of the season's dashboard may have changed (no body). */
  Dashboard: 'dashboard',
} as const;

/** The one topic of `live.review.*`: the whole queue (reviewers and organizers follow it). */
export const REVIEW_QUEUE_TOPIC = 'queue';

export type LiveKindName = (typeof LiveKind)[keyof typeof LiveKind];

/** A driver's accepted position as it travels on live subjects. */
export interface LivePosition {
  readonly routeId: string;
  readonly lat: number;
  readonly lng: number;
  /** ISO-8601 time the phone took the fix. */
  readonly fixTime: string;
  /** Metres (radius of 68% confidence), when the phone gave it. */
  readonly accuracy: number | null;
  /** Metres per second, when the phone gave it. */
  readonly speed: number | null;
}

/** Body of each kind of live signal; every body also has `at`, the ISO time it was sent. */
export interface LivePayloads {
  order: { readonly status?: string };
  sacrifice: { readonly status?: string };
  video: { readonly status?: string };
  delivery: { readonly status?: string };
  notification: { readonly notificationId: string };
  review: { readonly videoId: string };
  position: LivePosition & { readonly deliveryId: string; readonly eta: string | null };
  'route-position': LivePosition;
  dashboard: Record<string, never>;
}

/** What a live subject carries: the body plus when it was sent. */
export type LiveSignal<K extends LiveKindName = LiveKindName> = LivePayloads[K] & { readonly at: string };

const ROOT = 'live';

/** Logical subject (without the environment prefix) of one live signal. */
export const liveSubject = (kind: LiveKindName, id: string) => `${ROOT}.${kind}.${id}`;

/** Subject on the wire, e.g. `qurbani_e2e_x.live.order.<id>`; `id` may be `*` to match every id. */
export const liveWireSubject = (prefix: string | undefined, kind: LiveKindName, id: string) =>
  wireSubject(prefix, liveSubject(kind, id));

/** True for an outbox subject the relay must publish on core NATS rather than JetStream. */
export const isLiveSubject = (subject: string) => subject.startsWith(`${ROOT}.`);
