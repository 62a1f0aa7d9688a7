import { QurbaniApiError, type ApiError } from './client.js';

/** The CSV exports the gateway serves (organizers only). */
export type ExportName = 'sacrifices.csv' | 'orders.csv' | 'deliveries.csv' | 'review-decisions.csv' | 'hide-sales.csv';

/**
 * Opens an organizer's CSV export (`GET /exports/<name>`) and returns its body as a stream, to be
 * read as it arrives (exports may be millions of rows). `url` is the gateway's /graphql URL (or its
 * origin). Throws `QurbaniApiError` (FORBIDDEN for other roles) as `request` does.
 */
export async function openExport(
  url: string,
  accessToken: string,
  name: ExportName,
  filter: { seasonId?: string } = {},
): Promise<ReadableStream<Uint8Array>> {
  const target = new URL(`/exports/${name}`, url);
  if (filter.seasonId) target.searchParams.set('seasonId', filter.seasonId);
  const response = await fetch(target, { headers: { authorization: `Bearer ${accessToken}` } });
  if (!response.ok || !response.body) {
    const body = (await response.json().catch(() => ({}))) as { errors?: ApiError[] };
    throw new QurbaniApiError(body.errors ?? [{ message: `HTTP ${response.status}` }], response.status);
  }
  return response.body;
}
