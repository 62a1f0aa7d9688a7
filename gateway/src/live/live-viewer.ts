import { Role, trackingViewer, unauthenticated, verifyTrackingLink, type Viewer } from '@qurbani/kit';
import jwt from 'jsonwebtoken';
import { viewerFromAuthorization } from '../auth/access-token.js';

/** A verified viewer of a live connection (or of one operation, for GraphiQL). */
export interface LiveViewer {
  readonly viewer: Viewer;
  /** Epoch ms at which the token stops being valid: its subscriptions end then. */
  readonly expiresAt: number;
  /**
   * Who sees the same data: event resolutions are shared between subscribers of one scope.
   * Organizers share one (subgraphs grant them everything by role); a tracking link's scope is its
   * delivery; anyone else is their own scope.
   */
  readonly scope: string;
}

export interface LiveSecrets {
  accessTokenSecret: string;
  internalSecret: string;
}

type Params = Record<string, unknown> | undefined;

const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

/** `Authorization` from connection_init params, or from the `headers` GraphiQL puts in them or in a subscribe's extensions. */
function authorizationIn(params: Params): string | undefined {
  if (!params) return undefined;
  const headers = (typeof params.headers === 'object' && params.headers) as Record<string, unknown> | false;
  return (
    text(params.Authorization) ??
    text(params.authorization) ??
    (headers ? (text(headers.Authorization) ?? text(headers.authorization)) : undefined)
  );
}

/**
 * Verifies the credentials of a live connection: an access token (`Authorization: Bearer ...`) or
 * a family's tracking-link token (`trackingToken`). Returns null when there are none; throws
 * UNAUTHENTICATED when they are bad, expired or of the wrong kind.
 */
export function liveViewerFrom(params: Params, secrets: LiveSecrets): LiveViewer | null {
  const link = text(params?.trackingToken);
  if (link) {
    try {
      const verified = verifyTrackingLink(link, secrets.internalSecret);
      return {
        viewer: trackingViewer(verified),
        expiresAt: verified.expiresAt.getTime(),
        scope: `link:${verified.deliveryId}`,
      };
    } catch {
      throw unauthenticated('The tracking link is not valid or has expired.');
    }
  }
  const authorization = authorizationIn(params);
  const viewer = viewerFromAuthorization(authorization, secrets.accessTokenSecret);
  if (!viewer) return null;
  const { exp } = jwt.decode(authorization!.split(' ')[1]!) as jwt.JwtPayload;
  return { viewer, expiresAt: (exp ?? 0) * 1000, scope: scopeOf(viewer) };
}

function scopeOf(viewer: Viewer): string {
  if (viewer.roles.includes(Role.ORGANIZER)) return 'organizer';
  return `account:${viewer.id}:${[...viewer.roles].sort().join(',')}`;
}
