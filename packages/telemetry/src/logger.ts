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
    timestamp: pino.stdTimeFunctions.isoTime,
  });
  return root;
}

/** A logger whose lines carry `service` (and any other fixed fields). */
export const loggerFor = (service: string, fields: Record<string, unknown> = {}): Logger =>
  rootLogger().child({ service, ...fields });

export type { Logger };
