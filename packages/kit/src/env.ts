import { z } from 'zod';

/**
 * Parses `process.env` against a zod shape. Prints every problem at once and exits, so an operator
 * fixes the whole configuration in one go instead of one variable per restart.
 */
export function parseEnv<T extends z.ZodRawShape>(shape: T, source: NodeJS.ProcessEnv = process.env): z.infer<z.ZodObject<T>> {
  const result = z.object(shape).safeParse(source);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    console.error(`config: ${issue.path.join('.')}: ${issue.message}`);
  }
  process.exit(1);
}

/** Shared variables every subgraph reads. */
export const commonEnv = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  INTERNAL_JWT_SECRET: z.string().min(32).default('dev-internal-secret-change-me-in-production-0123456789'),
  DATABASE_URL_BASE: z.string().default('postgresql://postgres@127.0.0.1:5432'),
  NATS_URL: z.string().default('nats://127.0.0.1:4222'),
  /** Interface to listen on: loopback on a developer's machine, 0.0.0.0 in a container. */
  HOST: z.string().default('127.0.0.1'),
};
