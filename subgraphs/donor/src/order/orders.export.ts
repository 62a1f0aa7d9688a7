import type { CsvExport } from '@qurbani/kit';

/**
 * `GET /exports/orders.csv[?seasonId=]`: every order with its money and statuses. The donor is an
 * account id only, and the names the shares are offered for stay out: an organizer reconciles
 * counts and amounts here, and reads names in the app, where the policies apply.
 */
export const ordersCsv: CsvExport = {
  file: 'orders.csv',
  what: 'orders',
  columns: [
    'id',
    'season_id',
    'site_id',
    'donor_id',
    'species',
    'share_count',
    'unit_price_minor',
    'donation_minor',
    'amount_minor',
    'currency',
    'payment_status',
    'status',
    'cancellation_status',
    'expires_at',
    'created_at',
  ],
  bySeason: true,
  page: (em, after, limit, seasonId) =>
    em.execute(
      `select id, season_id, site_id, donor_id, species, share_count, unit_price_minor, donation_minor, amount_minor,
              currency, payment_status, status, cancellation_status, expires_at, created_at
         from donor_order
        where id > ? and (?::uuid is null or season_id = ?::uuid)
        order by id limit ?`,
      [after, seasonId, seasonId, limit],
    ),
};
