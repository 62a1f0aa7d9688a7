import type { Response } from 'express';

/** One CSV field (RFC 4180); a leading `= + - @` is prefixed with `'` so a spreadsheet never runs it as a formula. */
export function csvField(value: unknown): string {
  if (value == null) return '';
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Resolves when the client took what was written (or went away); leaves no listener behind. */
function drained(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done).off('close', done);
      resolve();
    };
    res.on('drain', done).on('close', done);
  });
}

/** Reads the rows after `after` (the last row's key), at most `limit`, in key order. */
export type NextBatch<Row> = (after: string | null, limit: number) => Promise<Row[]>;

/**
 * Streams a CSV of any size in constant memory: keyset pages of `batchSize` rows, each written
 * once the client has taken the previous one (`drain`), so a slow reader slows the queries instead
 * of filling memory. A client that goes away stops the loop.
 */
export async function streamCsv<Row extends Record<string, unknown>>(
  res: Response,
  filename: string,
  columns: readonly (keyof Row & string)[],
  keyOf: (row: Row) => string,
  nextBatch: NextBatch<Row>,
  batchSize = 2_000,
): Promise<void> {
  res.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${filename}"`,
    'cache-control': 'no-store',
  });
  let closed = false;
  res.once('close', () => (closed = true));
  // A byte-order mark so spreadsheet programs read the UTF-8 (names in Arabic script) as UTF-8.
  res.write(`\ufeff${columns.join(',')}\r\n`);
  let after: string | null = null;
  while (!closed) {
    const rows = await nextBatch(after, batchSize);
    if (rows.length === 0) break;
    const text = rows.map((row) => columns.map((c) => csvField(row[c])).join(',')).join('\r\n') + '\r\n';
    if (!res.write(text)) await drained(res);
    after = keyOf(rows[rows.length - 1]!);
  }
  res.end();
}
