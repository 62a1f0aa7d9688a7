import { ImportRefused, newId, queryId, type CsvImport } from '@qurbani/kit';
import { Season } from '../season/season.entity.js';
import { assertLocalTime } from '../shared/local-time.js';
import { assertTimeZone } from '../shared/zoned-time.js';
import { siteCoordinate, siteText } from '../site/site.rules.js';
import { checkColumns, firstTaker, optionalNumber } from './import-rules.js';

interface SiteRow {
  name: string;
  region: string;
  timeZone: string;
  windowStartLocal: string | null;
  windowEndLocal: string | null;
  latitude: number | null;
  longitude: number | null;
}

const optionalTime = (value: string | undefined, column: string) => (value ? assertLocalTime(value, column) : null);

/** `POST /imports/sites?seasonId=`: a site's name is unique in its season. Prices are set afterwards. */
export const sitesImport: CsvImport<SiteRow, { seasonId: string }> = {
  kind: 'sites',
  requiredColumns: ['name', 'region', 'time_zone'],
  optionalColumns: ['window_start', 'window_end', 'latitude', 'longitude'],
  async target(em, query) {
    const seasonId = queryId(query, 'seasonId', 'Give the season the sites are for: ?seasonId=<id>.');
    if (!(await em.count(Season, { id: seasonId }))) throw new ImportRefused(404, 'NOT_FOUND', 'No such season.');
    return { seasonId };
  },
  check: (r) =>
    checkColumns(
      {
        name: () => siteText(r.name ?? '', 'name'),
        region: () => siteText(r.region ?? '', 'region'),
        time_zone: () => assertTimeZone(r.time_zone ?? ''),
        window_start: () => optionalTime(r.window_start, 'window_start'),
        window_end: () => optionalTime(r.window_end, 'window_end'),
        latitude: () => siteCoordinate(optionalNumber(r.latitude, 'latitude'), 90, 'latitude'),
        longitude: () => siteCoordinate(optionalNumber(r.longitude, 'longitude'), 180, 'longitude'),
      },
      (v) => ({
        name: v.name as string,
        region: v.region as string,
        timeZone: v.time_zone as string,
        windowStartLocal: v.window_start as string | null,
        windowEndLocal: v.window_end as string | null,
        latitude: v.latitude as number | null,
        longitude: v.longitude as number | null,
      }),
    ),
  async insert(tx, rows, target) {
    const values = rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, now())').join(', ');
    const params = rows.flatMap((r) => [
      newId(),
      target.seasonId,
      r.name,
      r.region,
      r.timeZone,
      r.windowStartLocal,
      r.windowEndLocal,
      r.latitude,
      r.longitude,
    ]);
    const inserted = await tx.execute<{ name: string }[]>(
      `insert into site (id, season_id, name, region, time_zone, window_start_local, window_end_local, latitude, longitude, created_at)
       values ${values} on conflict (season_id, name) do nothing returning name`,
      params,
    );
    return firstTaker(rows, (r) => r.name, new Set(inserted.map((i) => i.name)), {
      column: 'name',
      reason: 'This season already has a site of this name (or an earlier line gave it).',
    });
  },
  audit: { scope: 'sacrifice', entityType: 'Season', entityIds: (t) => [t.seasonId] },
};
