import { pino, type Logger } from 'pino';

/**
 * Fields never written to a log, wherever they appear in a logged object: credentials, and the
 * personal data PRODUCT.md keeps out of logs (phones, addresses, PINs, the names shares are offered for).
 */
const SECRET_KEYS = [
  'authorization',
  'cookie',
  'password',
  'token',
  'accessToken',
  'refreshToken',
  'trackingToken',
  'secret',
  'pin',
  'phone',
  'email',
  'address',
  'names',
  'name',
  'shareName',
  'offeredFor',
];
const redactPaths = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `headers["${key}"]`]);

/** Phone numbers, e-mail addresses and 4-8 digit codes (PINs) inside free text such as an error message. */
const PERSONAL_TEXT = [/\+?\d[\d\s().-]{6,}\d/g, /[\w.+-]+@[\w-]+\.[\w.-]+/g, /\b\d{4,8}\b/g];

/** Free text with anything that looks like a phone, an e-mail or a PIN replaced. */
export function scrubText(text: string): string {
  return PERSONAL_TEXT.reduce((out, pattern) => out.replace(pattern, '[redacted]'), text);
}

/**
 * Errors are logged by type, code and scrubbed message and stack only: a database error's detail or
 * query (which carry the values of a row) never reaches the log.
 */
export function serializeError(error: unknown): Record<string, unknown> | string {
  if (typeof error === 'string') return scrubText(error).slice(0, 500);
  if (!(error instanceof Error)) return { type: typeof error };
  const { code } = error as { code?: unknown };
  return {
    type: error.name,
    ...(typeof code === 'string' ? { code } : {}),
    message: scrubText(error.message).slice(0, 500),
    stack: error.stack ? scrubText(error.stack).split('\n').slice(0, 8).join('\n') : undefined,
  };
}

let root: Logger | undefined;

/**
 * The process's JSON logger (pino, to stdout): `LOG_LEVEL` sets the level (default `info`; tests
 * set `warn`); secrets and personal data are censored by key at any of the first three levels.
 */
export function rootLogger(): Logger {
  root ??= pino({
    level: process.env.LOG_LEVEL ?? 'info',
    base: { pid: process.pid },
    redact: { paths: redactPaths, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: serializeError, error: serializeError },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
  return root;
}

/** A logger whose lines carry `service` (and any other fixed fields). */
export const loggerFor = (service: string, fields: Record<string, unknown> = {}): Logger =>
  rootLogger().child({ service, ...fields });

export type { Logger };
