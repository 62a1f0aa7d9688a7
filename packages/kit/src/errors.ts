import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { rootLogger } from '@qurbani/telemetry';

/** Codes clients can rely on in `extensions.code`. */
export enum ErrorCode {
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  BadUserInput = 'BAD_USER_INPUT',
  Conflict = 'CONFLICT',
  OutsideSacrificeWindow = 'OUTSIDE_SACRIFICE_WINDOW',
  RateLimited = 'RATE_LIMITED',
  /** The server has no room left for what was sent (upload disk budget); try again later. */
  InsufficientStorage = 'INSUFFICIENT_STORAGE',
  Internal = 'INTERNAL_SERVER_ERROR',
}

/** An expected failure whose message is safe to show to the caller. */
export class DomainError extends GraphQLError {
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message, { extensions: { code, ...details } });
  }
}

export const unauthenticated = (msg = 'Sign in first.') => new DomainError(ErrorCode.Unauthenticated, msg);
export const forbidden = (msg = 'You are not allowed to do this.') => new DomainError(ErrorCode.Forbidden, msg);
export const notFound = (what: string, id?: string) =>
  new DomainError(ErrorCode.NotFound, id ? `${what} ${id} was not found.` : `${what} was not found.`);
export const badInput = (msg: string, field?: string) =>
  new DomainError(ErrorCode.BadUserInput, msg, field ? { field } : undefined);
export const conflict = (msg: string) => new DomainError(ErrorCode.Conflict, msg);

const PASSTHROUGH = new Set<string>([
  ...Object.values(ErrorCode),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * Apollo `formatError`: keeps our codes and GraphQL's own request errors, masks everything else so
 * that stack traces, SQL and personal data never reach a client; the original is logged once.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && PASSTHROUGH.has(code) && code !== ErrorCode.Internal) {
    const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  rootLogger().error({ err: original, path: formatted.path }, 'unexpected error');
  return { message: 'Internal server error.', path: formatted.path, extensions: { code: ErrorCode.Internal } };
}
