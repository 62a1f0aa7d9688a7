import { QurbaniApiError, type ApiError } from './client.js';

/** The master data organizers import from CSV (`POST /imports/<kind>`). */
export type ImportKind = 'sites' | 'animals' | 'recipients';
/** dry-run (the default) writes nothing; all-or-nothing writes every row or none; lenient writes the good rows. */
export type ImportMode = 'dry-run' | 'all-or-nothing' | 'lenient';

export interface ImportReport {
  mode: ImportMode;
  read: number;
  valid: number;
  imported: number;
  /** The first 1,000 bad rows: the file's line (the header is line 1), the column and why. */
  errors: { line: number; column: string; reason: string }[];
  errorCount: number;
}

/**
 * Sends a CSV file to the gateway's import route (organizers only) and returns the report. The body
 * may be a string, bytes or a stream (sent as it is read). `url` is the gateway's /graphql URL or its
 * origin. sites: `{ seasonId }`, columns name, region, time_zone[, window_start, window_end, latitude,
 * longitude]; animals: `{ siteId }`, columns tag, species[, weight_kg]; recipients: columns name,
 * household_size, region, priority, phone, address[, latitude, longitude, language]. Throws `QurbaniApiError`.
 */
export async function importCsv(
  url: string,
  accessToken: string,
  kind: ImportKind,
  target: { mode?: ImportMode; seasonId?: string; siteId?: string },
  csv: string | Uint8Array | ReadableStream<Uint8Array>,
): Promise<ImportReport> {
  const address = new URL(`/imports/${kind}`, url);
  for (const [name, value] of Object.entries(target)) if (value) address.searchParams.set(name, value);
  const response = await fetch(address, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'text/csv' },
    body: csv,
    // A stream body needs half duplex in fetch (undici).
    ...(csv instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
  const body: unknown = await response.json().catch(() => ({}));
  if (!response.ok) {
    const errors = (body as { errors?: ApiError[] }).errors;
    throw new QurbaniApiError(errors ?? [{ message: `HTTP ${response.status}` }], response.status);
  }
  return body as ImportReport;
}
