import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Express } from 'express';
import { streamCsv } from './csv-stream.js';
import { gatewayOnly, gatewayOrigin } from './gateway-only.js';
import { EXPORTS_PATH } from './http-contract.js';
import { assertId } from './ids.js';
import { sendError } from './json-errors.js';
import { isOrganizer } from './authz.js';

/** Smaller than every UUIDv7: the keyset's start. */
const FIRST = '00000000-0000-0000-0000-000000000000';

/** One organizer's CSV export of a subgraph: its rows in id order (UUIDv7: creation order). */
export interface CsvExport {
  /** The file name, e.g. `orders.csv`: served at `/exports/<file>`. */
  readonly file: string;
  /** What it lists, for messages ("orders"). */
  readonly what: string;
  readonly columns: readonly string[];
  /** Whether `?seasonId=` narrows it; one whose rows carry no season refuses the filter (400) rather than ignore it. */
  readonly bySeason: boolean;
  /**
   * The rows with an id after `after`, at most `limit`, by id: a keyset page on the primary key,
   * so each page is an index range however deep the export is. Each row has `id`.
   */
  page(em: EntityManager, after: string, limit: number, seasonId: string | null): Promise<Record<string, unknown>[]>;
}

const seasonOf = (value: unknown): string | null | undefined => {
  if (value === undefined) return null;
  try {
    return assertId(value as string, 'seasonId');
  } catch {
    return undefined;
  }
};

/**
 * Mounts `GET /exports/<file>[?seasonId=]` for each export: gateway-only, organizers only (checked
 * again here: the gateway's check is not the owner's), streamed by `streamCsv` in keyset pages as the
 * client reads, so an export of any size runs in constant memory.
 */
export function csvExportRoutes(orm: MikroORM, internalSecret: string, exports: readonly CsvExport[]) {
  return (app: Express): void => {
    for (const spec of exports) {
      app.get(`${EXPORTS_PATH}/${spec.file}`, gatewayOnly(internalSecret), async (req, res) => {
        if (!isOrganizer(gatewayOrigin(req).viewer))
          return sendError(res, 403, 'FORBIDDEN', `Only organizers may export ${spec.what}.`);
        const seasonId = seasonOf(req.query.seasonId);
        if (seasonId === undefined) return sendError(res, 400, 'BAD_USER_INPUT', 'seasonId is not an id.');
        if (seasonId && !spec.bySeason)
          return sendError(
            res,
            400,
            'BAD_USER_INPUT',
            `${spec.what} cannot be filtered by season; ask without seasonId.`,
          );
        const em = orm.em.fork();
        await streamCsv(
          res,
          spec.file,
          spec.columns,
          (row) => row.id as string,
          (after, limit) => spec.page(em, after ?? FIRST, limit, seasonId),
        ).catch((error: unknown) => {
          console.error(`${spec.file} export failed`, error);
          res.destroy(error as Error);
        });
      });
    }
  };
}
