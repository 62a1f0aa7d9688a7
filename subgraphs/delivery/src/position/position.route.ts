import type { MikroORM } from '@mikro-orm/postgresql';
import { DomainError, ErrorCode, verifyViewerToken, VIEWER_HEADER, type Viewer } from '@qurbani/kit';
import type { Express, Request, Response } from 'express';
import type { PositionService } from './position.service.js';
import type { PositionInput } from './position.types.js';

/** Path of the position ingestion route, here and at the gateway. */
export const POSITIONS_PATH = '/positions';

const MAX_BODY = 256 * 1024;

const STATUS: Partial<Record<string, number>> = {
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.BadUserInput]: 400,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.Internal]: 500,
};

// Written by hand rather than with res.json(): Express would hash every answer for an ETag.
const answer = (res: Response, status: number, body: unknown) => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) }).end(text);
};
const fail = (res: Response, code: string, message: string) => answer(res, STATUS[code] ?? 400, { errors: [{ message, extensions: { code } }] });

function readJson(req: Request): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) req.destroy(new Error('too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch (error) {
        reject(error);
      }
    });
    req.on('error', reject);
  });
}

const num = (value: unknown) => (value == null ? null : Number(value));

/**
 * Viewer tokens verified, until they expire. The gateway reuses a sign-in's token on this route
 * for up to 30 s, and verifying a JWT is a good part of the cost of a one-fix report.
 */
function viewerTokens(internalSecret: string, max = 20_000) {
  const verified = new Map<string, { viewer: Viewer | null; expiresAt: number }>();
  return (token: string | undefined): Viewer | null => {
    const hit = token ? verified.get(token) : undefined;
    if (hit && hit.expiresAt > Date.now()) return hit.viewer;
    const viewer = verifyViewerToken(token, internalSecret);
    const { exp } = JSON.parse(Buffer.from(token!.split('.')[1]!, 'base64url').toString('utf8')) as { exp: number };
    verified.set(token!, { viewer, expiresAt: exp * 1000 });
    if (verified.size > max) verified.delete(verified.keys().next().value!);
    return viewer;
  };
}

/**
 * `POST /positions {"routeId", "points": [{lat, lng, fixTime, accuracy?, speed?}]}`: the same
 * report as the `reportPositions` mutation, without the GraphQL machinery, which is most of the
 * cost of a one-fix report (phones send one every few seconds each, thousands at once). Answers
 * the mutation's `PositionReport` as JSON. Like /graphql, only the gateway may call it.
 */
export function positionRoute(positions: PositionService, orm: MikroORM, internalSecret: string) {
  const viewerOf = viewerTokens(internalSecret);
  return (app: Express) => {
    app.post(POSITIONS_PATH, async (req, res) => {
      let viewer;
      try {
        viewer = viewerOf(req.header(VIEWER_HEADER));
      } catch {
        return fail(res, ErrorCode.Unauthenticated, 'This service only answers the gateway.');
      }
      const body = (await readJson(req).catch(() => null)) as { routeId?: unknown; points?: unknown } | null;
      if (typeof body?.routeId !== 'string' || !Array.isArray(body.points)) return fail(res, ErrorCode.BadUserInput, 'Send {"routeId": "...", "points": [{"lat", "lng", "fixTime"}]}.');
      // Anything malformed in a point becomes NaN and is dropped as INVALID, like out-of-range values.
      const inputs: PositionInput[] = body.points.map((p: Record<string, unknown>) => ({
        lat: Number(p?.lat), lng: Number(p?.lng), fixTime: new Date(p?.fixTime as string), accuracy: num(p?.accuracy), speed: num(p?.speed),
      }));
      try {
        answer(res, 200, await positions.report(orm.em.fork(), viewer, body.routeId, inputs));
      } catch (error) {
        if (error instanceof DomainError) return fail(res, String(error.extensions.code), error.message);
        console.error('position report failed', error);
        return fail(res, ErrorCode.Internal, 'Internal server error.');
      }
    });
  };
}
