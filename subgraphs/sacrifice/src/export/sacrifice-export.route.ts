import type { MikroORM } from '@mikro-orm/postgresql';
import { EXPORTS_PATH, gatewayOnly, gatewayOrigin, isOrganizer, streamCsv } from '@qurbani/kit';
import type { Express, Response } from 'express';
import { safeId } from '../shared/safe-id.js';

const COLUMNS = [
  'id',
  'season_id',
  'site_id',
  'site',
  'species',
  'status',
  'share_count',
  'executor_id',
  'assigned_at',
  'performed_at',
  'created_at',
] as const;
type Row = Record<(typeof COLUMNS)[number], unknown> & { id: string };
const NONE = '00000000-0000-0000-0000-000000000000';

const refuse = (res: Response, status: number, code: string, message: string) =>
  res.status(status).json({ errors: [{ message, extensions: { code } }] });

/**
 * `GET /exports/sacrifices.csv[?seasonId=]`: every sacrifice (or one season's) as CSV, organizers
 * only, streamed in id order (UUIDv7: creation order) in keyset pages, so its memory does not grow
 * with the season. Only the gateway may call it, like /graphql.
 */
export function sacrificeExportRoute(orm: MikroORM, internalSecret: string) {
  return (app: Express) => {
    app.get(`${EXPORTS_PATH}/sacrifices.csv`, gatewayOnly(internalSecret), async (req, res) => {
      if (!isOrganizer(gatewayOrigin(req).viewer))
        return refuse(res, 403, 'FORBIDDEN', 'Only organizers may export sacrifices.');
      const asked = typeof req.query.seasonId === 'string' ? req.query.seasonId : null;
      const seasonId = asked ? safeId(asked) : null;
      if (asked && !seasonId) return refuse(res, 400, 'BAD_USER_INPUT', 'seasonId is not an id.');
      const em = orm.em.fork();
      await streamCsv<Row>(
        res,
        'sacrifices.csv',
        COLUMNS,
        (row) => row.id,
        (after, limit) =>
          em.execute(
            `select s.id, s.season_id, s.site_id, si.name as site, s.species, s.status, s.share_count, s.executor_id,
                    s.assigned_at, s.performed_at, s.created_at
               from sacrifice s join site si on si.id = s.site_id
              where s.id > ? and (?::uuid is null or s.season_id = ?::uuid)
              order by s.id limit ?`,
            [after ?? NONE, seasonId, seasonId, limit],
          ),
      ).catch((error) => {
        console.error('sacrifice export failed', error);
        res.destroy(error as Error);
      });
    });
  };
}
