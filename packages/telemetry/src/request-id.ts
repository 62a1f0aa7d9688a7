import { randomUUID } from 'node:crypto';

/** Header carrying one request's id from the client (or the gateway) through every subgraph call. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** A client's id is kept only when it is short and plain, so it cannot forge log lines or grow them. */
const ACCEPTABLE = /^[A-Za-z0-9._:-]{8,64}$/;

/** The request id to use: the incoming one when acceptable, else a new UUID. */
export function requestIdFrom(incoming: string | string[] | undefined): string {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value && ACCEPTABLE.test(value) ? value : randomUUID();
}
