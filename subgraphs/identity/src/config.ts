import type { MessagingConfig, SubgraphConfig } from '@qurbani/kit';
import type { AuthLimits } from './auth/auth.limits.js';

/** Everything the identity subgraph needs; `env.ts` fills it for a process, tests fill it directly. */
export interface IdentityConfig extends SubgraphConfig, MessagingConfig {
  accessTokenSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  /** Encrypts logins at rest and keys their digests. */
  piiKey: string;
  redisUrl: string;
  redisPrefix: string;
  /** The first organizer, created when no organizer exists yet; without a password a one-time one is generated and printed once. */
  bootstrapOrganizer?: { login: string; password?: string; displayName: string };
  /** Sign-in, register and refresh budgets (policy in auth/auth.limits.ts); defaults where absent. */
  authLimits?: Partial<AuthLimits>;
  /** Called before every scrypt hash or verification; tests count the password work a request caused. */
  onPasswordWork?: (kind: 'hash' | 'verify') => void;
}
