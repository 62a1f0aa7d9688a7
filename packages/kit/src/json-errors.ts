import type { ErrorRequestHandler } from 'express';
import type { ServerResponse } from 'node:http';
import { ErrorCode } from './errors.js';
import { rootLogger } from '@qurbani/telemetry';

/**
 * Errors raised before GraphQL runs (a body that is not JSON, one over the size limit) answer in
 * the API's error shape with no stack trace or file path, never Express's HTML page; anything else is
 * logged (its name only) and masked. Mount it last, on the gateway and on every subgraph.
 */
export const jsonErrors: ErrorRequestHandler = (error, _req, res, _next) => answerRequestError(error, res);

/** What `jsonErrors` answers, for a route outside Express (the subgraphs' GraphQL route). */
export function answerRequestError(thrown: unknown, res: ServerResponse): void {
  const error = thrown as { status?: unknown; type?: unknown } | undefined;
  const status = typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
  const message =
    error?.type === 'entity.parse.failed'
      ? 'The request body is not valid JSON.'
      : error?.type === 'entity.too.large'
        ? 'The request body is too large.'
        : error?.type === 'entity.nul'
          ? 'Text may not contain the NUL character (U+0000).'
          : status < 500
            ? 'The request could not be read.'
            : 'Something went wrong on our side; try again.';
  if (status >= 500) rootLogger().error({ err: error }, 'unexpected error before GraphQL');
  if (res.headersSent) return void res.destroy();
  sendError(res, status, status < 500 ? 'BAD_REQUEST' : ErrorCode.Internal, message);
}

/**
 * Answers an HTTP route's refusal in the API's error shape. Written by hand rather than with
 * res.json(): Express would hash every answer for an ETag, and hot routes (positions) answer often.
 */
export function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  const text = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  res
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
    .end(text);
}
