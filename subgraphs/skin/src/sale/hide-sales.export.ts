import type { CsvExport } from '@qurbani/kit';

/**
 * `GET /exports/hide-sales.csv`: the sale ledger, one row per sold lot: the tannery by name (a
 * business, not a person; its contact stays encrypted and out), the lot, how many hides it held and
 * the money. Hides know their Hijri year, not a season id: not filtered by season.
 */
export const hideSalesCsv: CsvExport = {
  file: 'hide-sales.csv',
  what: 'hide sales',
  columns: [
    'id',
    'lot_id',
    'lot_code',
    'hides',
    'total_weight_kg',
    'buyer_id',
    'buyer',
    'price_minor',
    'fees_minor',
    'proceeds_minor',
    'currency',
    'sold_at',
  ],
  bySeason: false,
  page: (em, after, limit) =>
    em.execute(
      `select s.id, s.lot_id, l.code as lot_code,
              (select count(*) from hide h where h.lot_id = s.lot_id) as hides,
              l.total_weight_kg, s.buyer_id, b.name as buyer, s.price_minor, s.fees_minor, s.proceeds_minor,
              s.currency, s.sold_at
         from sale s join lot l on l.id = s.lot_id join buyer b on b.id = s.buyer_id
        where s.id > ?
        order by s.id limit ?`,
      [after, limit],
    ),
};
