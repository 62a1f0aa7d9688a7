import { ErrorCode, type Viewer } from '@qurbani/kit';
import { GraphQLError } from 'graphql';
import { viewerFromAuthorization } from './auth/access-token.js';
import type { RevokedSessions } from './auth/revoked-sessions.js';

/** The verified viewer of one request; a bad, expired or revoked token answers 401 with UNAUTHENTICATED. */
export async function requestViewer(
  authorization: string | undefined,
  secret: string,
  revoked: RevokedSessions,
): Promise<Viewer | null> {
  try {
    const viewer = viewerFromAuthorization(authorization, secret);
    if (viewer && (await revoked.isRevoked(viewer.sessionId))) {
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
