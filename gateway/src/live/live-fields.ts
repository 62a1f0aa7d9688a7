import { LiveKind, REVIEW_QUEUE_TOPIC, type LiveKindName, type LiveSignal } from '@qurbani/events/live';

/** How one subscription field is fed, authorized and resolved. */
export interface LiveField {
  /** Live subjects it follows: `live.<kind>.<id>`. */
  kind: LiveKindName;
  /** The id it follows: from an argument, or the viewer's own account (`notificationAdded`). */
  topicId: (args: Record<string, unknown>, viewerId: string) => string | null;
  /** Root query field (and its id argument) that resolves the subscriber's selection for one event. */
  query: { field: string; arg: string };
  /** The id passed to `query` for one event. */
  queryId: (signal: LiveSignal, topicId: string) => string;
  /**
   * Run with the subscriber's token on subscribe, with `$id` = the followed id: an error refuses the
   * subscription (the owning subgraph decides, exactly as for the query). `null`: nothing to check
   * (the viewer's own feed). Following every id (`*`) is for organizers only.
   */
  check: string | null;
  /** A family's tracking link may follow its own delivery through this field. */
  forTrackingLink?: boolean;
  /** Fields of the payload type carried by the signal itself: such selections need no query. */
  signalFields?: ReadonlySet<string>;
  /** Delivery statuses after which no more events can come: the subscription completes. */
  endsWithDelivery?: ReadonlySet<string>;
  /**
   * After an event is resolved, wait this long before resolving the next: signals arriving meanwhile
   * collapse into one. For aggregates that change many times a second at peak (the dashboard).
   */
  settleMs?: number;
}

const idArg = (name: string) => (args: Record<string, unknown>) =>
  typeof args[name] === 'string' ? (args[name] as string) : null;
const sameId = (_: LiveSignal, topicId: string) => topicId;
const POSITION_FIELDS = new Set([
  '__typename',
  'routeId',
  'deliveryId',
  'lat',
  'lng',
  'fixTime',
  'accuracy',
  'speed',
  'eta',
]);

/** Every field of `Subscription` (see subscription-sdl.ts). */
export const LIVE_FIELDS: Readonly<Record<string, LiveField>> = {
  orderUpdated: {
    kind: LiveKind.Order,
    topicId: idArg('orderId'),
    query: { field: 'order', arg: 'id' },
    queryId: sameId,
    check: 'query($id: ID!) { order(id: $id) { id } }',
  },
  sacrificeUpdated: {
    kind: LiveKind.Sacrifice,
    topicId: idArg('id'),
    query: { field: 'sacrifice', arg: 'id' },
    queryId: sameId,
    check: 'query($id: ID!) { sacrifice(id: $id) { id } }',
  },
  videoUpdated: {
    kind: LiveKind.Video,
    topicId: idArg('id'),
    query: { field: 'video', arg: 'id' },
    queryId: sameId,
    check: 'query($id: ID!) { video(id: $id) { id } }',
  },
  deliveryUpdated: {
    kind: LiveKind.Delivery,
    topicId: idArg('id'),
    query: { field: 'delivery', arg: 'id' },
    queryId: sameId,
    check: 'query($id: ID!) { delivery(id: $id) { id } }',
    forTrackingLink: true,
  },
  driverPosition: {
    kind: LiveKind.Position,
    topicId: idArg('deliveryId'),
    query: { field: 'driverPosition', arg: 'deliveryId' },
    queryId: sameId,
    check: 'query($id: ID!) { delivery(id: $id) { id } }',
    forTrackingLink: true,
    signalFields: POSITION_FIELDS,
    endsWithDelivery: new Set(['DELIVERED', 'FAILED']),
  },
  routePositions: {
    kind: LiveKind.RoutePosition,
    topicId: (args) => (typeof args.routeId === 'string' ? args.routeId : '*'),
    query: { field: 'routePosition', arg: 'routeId' },
    queryId: (signal) => (signal as LiveSignal<'route-position'>).routeId,
    check: 'query($id: ID!) { routePosition(routeId: $id) { routeId } }',
    signalFields: POSITION_FIELDS,
  },
  reviewWorkAdded: {
    kind: LiveKind.Review,
    topicId: () => REVIEW_QUEUE_TOPIC,
    query: { field: 'video', arg: 'id' },
    queryId: (signal) => (signal as LiveSignal<'review'>).videoId,
    // The queue is for reviewers and organizers: the video subgraph refuses anyone else here.
    check: 'query { reviewQueue(first: 1) { totalCount } }',
  },
  seasonDashboardUpdated: {
    kind: LiveKind.Dashboard,
    topicId: idArg('seasonId'),
    query: { field: 'seasonDashboard', arg: 'seasonId' },
    queryId: sameId,
    check: 'query($id: ID!) { seasonDashboard(seasonId: $id) { id } }',
    // At peak a season changes ~15 times a second; the first change shows at once, then at most ~2 a second.
    settleMs: 500,
  },
  notificationAdded: {
    kind: LiveKind.Notification,
    topicId: (_, viewerId) => viewerId,
    query: { field: 'notification', arg: 'id' },
    queryId: (signal) => (signal as LiveSignal<'notification'>).notificationId,
    check: null,
  },
};
