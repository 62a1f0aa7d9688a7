import { ErrorCode, TokenCache, type Viewer } from '@qurbani/kit';
import { GraphQLError } from 'graphql';
import { verifiedAuthorization } from './auth/access-token.js';

/** Whether a sign-in has ended: `RevokedSessions` asks Redis each time, `RevocationCache` remembers briefly. */
export interface SessionChecks {
  isRevoked(sessionId: string): Promise<boolean>;
}

/** The verified viewer of one request; a bad, expired or revoked token answers 401 with UNAUTHENTICATED. */
export async function requestViewer(
  authorization: string | undefined,
  secret: string,
  sessions: SessionChecks,
): Promise<Viewer | null> {
  return checkedViewer(() => verifiedAuthorization(authorization, secret)?.viewer ?? null, sessions);
}

/**
 * `requestViewer` for the GraphQL route, which every screen of every app calls: a token verified
 * once is remembered until it expires (the HMAC and JSON of a JWT were a tenth of the gateway's CPU
 * for a tracking request); sign-outs are still checked on every request.
 */
export function cachedRequestViewer(secret: string, sessions: SessionChecks) {
  const verified = new TokenCache<Viewer>();
  const verify = (authorization: string) => {
    const { viewer, expiresAt } = verifiedAuthorization(authorization, secret)!;
    Object.freeze(viewer.roles);
    return { value: Object.freeze(viewer), expiresAt };
  };
  return (authorization: string | undefined) =>
    checkedViewer(() => (authorization ? verified.get(authorization, verify) : null), sessions);
}

async function checkedViewer(verify: () => Viewer | null, sessions: SessionChecks): Promise<Viewer | null> {
  try {
    const viewer = verify();
    if (viewer && (await sessions.isRevoked(viewer.sessionId))) {
      throw new GraphQLError('This sign-in has ended; sign in again.', {
        extensions: { code: ErrorCode.Unauthenticated },
      });
    }
    return viewer;
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    throw new GraphQLError(error.message, { extensions: { code: ErrorCode.Unauthenticated, http: { status: 401 } } });
  }
}
