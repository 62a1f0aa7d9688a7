import type { PositionInput, ReportPositionsMutation } from './generated/graphql.js';
import { QurbaniApiError, type ApiError } from './client.js';

export type PositionReport = ReportPositionsMutation['reportPositions'];

/**
 * A phone's position report on the gateway's `POST /positions`: the `reportPositions` mutation
 * without a GraphQL request, for drivers reporting every few seconds. `url` is the gateway's
 * /graphql URL (or its origin). Throws `QurbaniApiError` as `request` does.
 */
export async function sendPositions(
  url: string,
  accessToken: string,
  routeId: string,
  points: PositionInput[],
): Promise<PositionReport> {
  const response = await fetch(new URL('/positions', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ routeId, points }),
  });
  const body = (await response.json()) as PositionReport & { errors?: ApiError[] };
  if (!response.ok || body.errors?.length)
    throw new QurbaniApiError(body.errors ?? [{ message: `HTTP ${response.status}` }], response.status);
  return body;
}
