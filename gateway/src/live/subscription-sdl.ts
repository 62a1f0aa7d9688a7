/**
 * The `Subscription` type the gateway serves over graphql-ws at /graphql, added to the API schema
 * composed from the subgraphs (and, by `npm run compose`, to schema/api.graphql for the SDK). Every
 * payload is a type of the graph: a subscriber selects any of its fields, across subgraphs, and
 * each event is resolved through the gateway with that subscriber's own permissions.
 */
export const SUBSCRIPTION_SDL = /* GraphQL */ `
  extend schema {
    subscription: Subscription
  }

  """
  Live updates over graphql-ws (protocol graphql-transport-ws) at /graphql. Authenticate in
  connection_init with { "Authorization": "Bearer <accessToken>" }, or { "trackingToken": "<link token>" }
  for a family's tracking link. Each event is the entity as a query would return it at that moment.
  """
  type Subscription {
    """
    An order's status or payment changed. Its donor and organizers.
    """
    orderUpdated(orderId: ID!): Order!

    """
    A sacrifice was allocated, assigned, performed, verified... Its donors, executor, reviewers and organizers.
    """
    sacrificeUpdated(id: ID!): Sacrifice!

    """
    A proof video was uploaded, processed, judged or reviewed. Whoever may see the video.
    """
    videoUpdated(id: ID!): Video!

    """
    A delivery was routed, set out, delivered or locked. Organizers, its driver, its donors, the family's link.
    """
    deliveryUpdated(id: ID!): Delivery!

    """
    The driver carrying a delivery moved. Organizers and the driver; donors and the family's link while
    it is out for delivery. Ends when the delivery is delivered or failed.
    """
    driverPosition(deliveryId: ID!): DriverPosition!

    """
    Organizers: every driver's moves (or one route's); a driver: their own route.
    """
    routePositions(routeId: ID): DriverPosition!

    """
    Reviewers and organizers: a video was flagged and joined the review queue. Take work with claimReview.
    """
    reviewWorkAdded: Video!

    """
    Organizers: the season's dashboard, each time one of its figures may have changed (bursts are
    coalesced: the first change at once, then at most about two events a second).
    """
    seasonDashboardUpdated(seasonId: ID!): SeasonDashboard!

    """
    A notification was added to your in-app feed.
    """
    notificationAdded: Notification!
  }
`;
