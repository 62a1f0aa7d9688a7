import jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';

// THE order-tracking query: a donor's orders with everything the tracking screen shows, from six
// subgraphs (the MyOrdersTracking operation of packages/sdk/operations/order-tracking.graphql).
export const TRACKING_QUERY = `query MyOrdersTracking($first: Int, $after: String) {
  myOrders(first: $first, after: $after) {
    edges { cursor node { ...TrackedOrder } }
    pageInfo { hasNextPage endCursor }
  }
}
fragment TrackedOrder on Order {
  id species shareCount status paymentStatus
  shares { id index offeredFor }
  sacrifices(first: 7) { edges { node { ...TrackedSacrifice } } }
}
fragment TrackedSacrifice on Sacrifice {
  id species status performedAt namesToPronounce
  animal { id tag species weightKg }
  site { id name region timeZone }
  executor { id displayName }
  video { id status sceneCheck nameCheck }
  meatPacks { id status delivery { id status eta deliveredAt } }
  hide { id status }
}`;

export { VIEWER_HEADER } from '@qurbani/kit/testing';

/** What a subgraph accepts from the gateway, signed here for an hour: fronts other than our gateway skip its sign-in step. */
export const subgraphViewerToken = (donorId, secret) =>
  jwt.sign({ sub: donorId, roles: ['DONOR'], sid: randomUUID() }, secret, {
    algorithm: 'HS256',
    audience: 'qurbani-subgraphs',
    issuer: 'qurbani-gateway',
    expiresIn: 3600,
  });
