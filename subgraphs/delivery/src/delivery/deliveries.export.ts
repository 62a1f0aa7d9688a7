import type { CsvExport } from '@qurbani/kit';

/**
 * `GET /exports/deliveries.csv`: every delivery with its route, driver, times and outcome. The family
 * is a recipient id only: its name, phone, address and PIN never leave the app, where the
 * recipient policy decides who reads them. Deliveries know their Hijri year (`campaign`), not a
 * season id, so the export is not filtered by season.
 */
export const deliveriesCsv: CsvExport = {
  file: 'deliveries.csv',
  what: 'deliveries',
  columns: [
    'id',
    'campaign',
    'status',
    'route_id',
    'driver_id',
    'stop_index',
    'pack_id',
    'recipient_id',
    'eta',
    'delivered_at',
    'failed_at',
    'failure_reason',
    'proof_photo',
    'created_at',
  ],
  bySeason: false,
  page: (em, after, limit) =>
    em.execute(
      `select id, campaign, status, route_id, driver_id, stop_index, pack_id, recipient_id, eta, delivered_at,
              failed_at, failure_reason, case when proof_photo_key is null then 'no' else 'yes' end as proof_photo,
              created_at
         from delivery
        where id > ?
        order by id limit ?`,
      [after, limit],
    ),
};
