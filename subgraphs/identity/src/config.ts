import type { AuthLimits } from './auth/auth.limits.js';

/** Everything the identity subgraph needs; `env.ts` fills it for a process, tests fill it directly. */
export interface IdentityConfig {
  port: number;
  /** Default 127.0.0.1. */
  host?: string;
  baseUrl: string;
  dbName: string;
  internalSecret: string;
  accessTokenSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  /** Encrypts logins at rest and keys their digests. */
  piiKey: string;
  redisUrl: string;
  redisPrefix: string;
  /** Creates the first organizer when no organizer exists yet. */
  /** The first organizer; without a password a one-time one is generated and printed once. */
  bootstrapOrganizer?: { login: string; password?: string; displayName: string };
  /** Sign-in, register and refresh budgets (policy in auth/auth.limits.ts); defaults where absent. */
  authLimits?: Partial<AuthLimits>;
  onQuery?: (sql: string) => void;
  /** Called before every scrypt hash or verification; tests count the password work a request caused. */
  onPasswordWork?: (kind: 'hash' | 'verify') => void;
}
