/*
 * The HTTP contract between the gateway and the subgraphs, in one place: the routes the gateway
 * forwards, the header that carries the viewer, and the audiences of the platform's tokens.
 */

/** GraphQL, on the gateway (clients) and on every subgraph (the gateway only). */
export const GRAPHQL_PATH = '/graphql';
/** Drivers' position reports: the gateway's route forwards them to the delivery subgraph's. */
export const POSITIONS_PATH = '/positions';
/** The resumable (tus 1.0) video upload endpoint, on the gateway and (proxied) on the video subgraph. */
export const UPLOADS_PATH = '/uploads/videos';
/** Proof-of-delivery photos (`/uploads/delivery-photos/<deliveryId>`), on the gateway and (proxied) on the delivery subgraph. */
export const DELIVERY_PHOTOS_PATH = '/uploads/delivery-photos';
/** Signed playback links, on the gateway and (proxied) on the video subgraph. */
export const MEDIA_PATH = '/media';

/**
 * Signed, expiring document links (`/documents/receipts/<paymentId>/<lang>/<exp>/<sig>/receipt.pdf`),
 * on the gateway and (forwarded) on the subgraph that owns the document; the signature is the permission.
 */
export const DOCUMENTS_PATH = '/documents';

/** Organizers' CSV exports (`/exports/<name>.csv`), on the gateway and (forwarded) on the owning subgraph. */
export const EXPORTS_PATH = '/exports';

/** Organizers' CSV imports of master data (`POST /imports/<kind>`), on the gateway and (forwarded) on the owning subgraph. */
export const IMPORTS_PATH = '/imports';

/** Header the gateway puts on every subgraph request: the viewer token (`signViewerToken`). */
export const VIEWER_HEADER = 'x-qurbani-viewer';

/** Who signs and who may read each kind of token; a token is refused under any other audience. */
export const TOKEN = {
  /** Access tokens: identity signs them, the gateway verifies them. */
  access: { audience: 'qurbani-api', issuer: 'qurbani-identity' },
  /** Viewer tokens: the gateway signs them for the subgraphs. */
  viewer: { audience: 'qurbani-subgraphs', issuer: 'qurbani-gateway' },
  /** A recipient's tracking link: delivery signs it, the gateway verifies it. */
  trackingLink: { audience: 'qurbani-tracking-link', issuer: 'qurbani-delivery' },
} as const;

/** Stripe's webhook: the gateway passes it, unauthenticated but signed by Stripe, to the donor subgraph. */
export const STRIPE_WEBHOOK_PATH = '/webhooks/stripe';
