import type { CsvExport } from '@qurbani/kit';

/** `GET /exports/sacrifices.csv[?seasonId=]`: every sacrifice (or one season's), with its site's name. */
export const sacrificesCsv: CsvExport = {
  file: 'sacrifices.csv',
  what: 'sacrifices',
  columns: [
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
  ],
  bySeason: true,
  page: (em, after, limit, seasonId) =>
    em.execute(
      `select s.id, s.season_id, s.site_id, si.name as site, s.species, s.status, s.share_count, s.executor_id,
              s.assigned_at, s.performed_at, s.created_at
         from sacrifice s join site si on si.id = s.site_id
        where s.id > ? and (?::uuid is null or s.season_id = ?::uuid)
        order by s.id limit ?`,
      [after, seasonId, seasonId, limit],
    ),
};
