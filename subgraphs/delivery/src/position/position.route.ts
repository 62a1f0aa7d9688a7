import type { MikroORM } from '@mikro-orm/postgresql';
import { DomainError, ErrorCode, gatewayOnly, gatewayOrigin, POSITIONS_PATH } from '@qurbani/kit';
import type { Express, Request, Response } from 'express';
import type { PositionService } from './position.service.js';
import type { PositionInput } from './position.types.js';

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
  res
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
    .end(text);
};
const fail = (res: Response, code: string, message: string) =>
  answer(res, STATUS[code] ?? 400, { errors: [{ message, extensions: { code } }] });

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
 * `POST /positions {"routeId", "points": [{lat, lng, fixTime, accuracy?, speed?}]}`: the same
 * report as the `reportPositions` mutation, without the GraphQL machinery, which is most of the
 * cost of a one-fix report (phones send one every few seconds each, thousands at once). Answers
 * the mutation's `PositionReport` as JSON. Like /graphql, only the gateway may call it.
 */
export function positionRoute(positions: PositionService, orm: MikroORM, internalSecret: string) {
  // The gateway reuses a sign-in's token on this route for up to 30 s: remembering verified tokens
  // saves a good part of the cost of a one-fix report.
  const onlyGateway = gatewayOnly(internalSecret, { rememberTokens: true });
  return (app: Express) => {
    app.post(POSITIONS_PATH, onlyGateway, async (req, res) => {
      const { viewer } = gatewayOrigin(req);
      const body = (await readJson(req).catch(() => null)) as { routeId?: unknown; points?: unknown } | null;
      if (typeof body?.routeId !== 'string' || !Array.isArray(body.points))
        return fail(res, ErrorCode.BadUserInput, 'Send {"routeId": "...", "points": [{"lat", "lng", "fixTime"}]}.');
      // Anything malformed in a point becomes NaN and is dropped as INVALID, like out-of-range values.
      const inputs: PositionInput[] = body.points.map((p: Record<string, unknown>) => ({
        lat: Number(p?.lat),
        lng: Number(p?.lng),
        fixTime: new Date(p?.fixTime as string),
        accuracy: num(p?.accuracy),
        speed: num(p?.speed),
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
