import { z } from 'zod';

/** The values that development machines and tests share; production refuses every one of them. */
export const DEVELOPMENT_SECRETS = {
  INTERNAL_JWT_SECRET: 'dev-internal-secret-change-me-in-production-0123456789',
  ACCESS_TOKEN_SECRET: 'dev-access-token-secret-change-me-0123456789abcdef',
  PII_KEY: 'dev-pii-key-change-me-in-production-0123456789abcdef',
  NOTIFY_SEAL_KEY: 'dev-notify-seal-key-change-me-in-production-0123456789',
} as const;

const KNOWN_WEAK = new Set<string>(Object.values(DEVELOPMENT_SECRETS));
const secretSchemas = new WeakSet<z.ZodType>();
const MIN_SECRET_LENGTH = 32;
const natsSchemas = new WeakSet<z.ZodType>();

/** A NATS server URL; in production it must carry the service's own user (`nats://user:password@host:4222`). */
export function natsUrl() {
  const schema = z.string().default('nats://127.0.0.1:4222');
  natsSchemas.add(schema);
  return schema;
}

const hasCredentials = (url: string) =>
  url.split(',').every((server) => {
    try {
      return !!new URL(server.includes('://') ? server : `nats://${server}`).username;
    } catch {
      return false;
    }
  });

/**
 * A secret variable: 32+ characters. Outside production it falls back to `developmentDefault` so one
 * machine runs with no set-up; with `NODE_ENV=production` the service refuses to start unless it is
 * set, long enough, not a development value and not shared with another secret.
 */
export function secret(developmentDefault: string): z.ZodDefault<z.ZodString>;
export function secret(): z.ZodOptional<z.ZodString>;
export function secret(developmentDefault?: string): z.ZodDefault<z.ZodString> | z.ZodOptional<z.ZodString> {
  if (developmentDefault) KNOWN_WEAK.add(developmentDefault);
  const schema = developmentDefault
    ? z.string().min(MIN_SECRET_LENGTH).default(developmentDefault)
    : z.string().min(MIN_SECRET_LENGTH).optional();
  secretSchemas.add(schema);
  return schema;
}

/**
 * A provider credential (an SMTP or SMPP password, an API token): optional, since a deployment uses
 * only some providers, and often shorter than a secret (SMPP allows 9 characters). Like a secret,
 * production refuses a development value, and the service never logs it.
 */
// An empty value (compose's `${VAR:-}`) counts as unset.
export const credential = () => z.preprocess((v) => (v === '' ? undefined : v), z.string().min(1).optional());

const optionalSecretSchemas = new WeakSet<z.ZodType>();

/**
 * A secret that only some installations need (a card provider's keys): may be left unset, even in
 * production; when set, production holds it to the rules of {@link secret} (long, not a development
 * value, not shared).
 */
export function optionalSecret(): z.ZodOptional<z.ZodString> {
  const schema = z.string().min(MIN_SECRET_LENGTH).optional();
  optionalSecretSchemas.add(schema);
  return schema;
}

/** Values never accepted in production, for other settings than secrets (a demo password...). */
export function refuseInProduction(...values: string[]): void {
  for (const value of values) KNOWN_WEAK.add(value);
}

/** Every reason a production configuration is unsafe; empty when it is fine (or not production). */
export function productionProblems(
  shape: z.ZodRawShape,
  source: NodeJS.ProcessEnv,
  parsed: Record<string, unknown>,
): string[] {
  if (parsed.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const [name, schema] of Object.entries(shape)) {
    const value = source[name];
    if (optionalSecretSchemas.has(schema as z.ZodType)) {
      if (value && KNOWN_WEAK.has(value))
        problems.push(`${name}: is a development value; set a random one in production`);
      else if (value && seen.has(value)) problems.push(`${name}: must differ from ${seen.get(value)}`);
      if (value) seen.set(value, name);
      continue;
    }
    if (secretSchemas.has(schema as z.ZodType)) {
      if (!value) problems.push(`${name}: must be set in production (32+ random characters)`);
      else if (KNOWN_WEAK.has(value)) problems.push(`${name}: is a development value; set a random one in production`);
      else if (seen.has(value)) problems.push(`${name}: must differ from ${seen.get(value)}`);
      if (value) seen.set(value, name);
      continue;
    }
    if (natsSchemas.has(schema as z.ZodType) && !hasCredentials(value ?? '')) {
      problems.push(`${name}: give this service's own NATS user in production (nats://<user>:<password>@host:4222)`);
    }
    if (value && KNOWN_WEAK.has(value)) problems.push(`${name}: is a development value; set your own in production`);
  }
  return problems;
}

/**
 * Parses `process.env` against a zod shape. Prints every problem at once and exits, so an operator
 * fixes the whole configuration in one go instead of one variable per restart. With
 * `NODE_ENV=production` an unsafe configuration (see `secret`) is one of those problems.
 */
export function parseEnv<T extends z.ZodRawShape>(
  shape: T,
  source: NodeJS.ProcessEnv = process.env,
): z.infer<z.ZodObject<T>> {
  const problems = checkEnv(shape, source);
  if (problems.ok) return problems.value;
  for (const problem of problems.errors) console.error(`config: ${problem}`);
  process.exit(1);
}

/** `parseEnv` without exiting: the parsed value or every problem (tests and tools use it). */
export function checkEnv<T extends z.ZodRawShape>(
  shape: T,
  source: NodeJS.ProcessEnv,
): { ok: true; value: z.infer<z.ZodObject<T>> } | { ok: false; errors: string[] } {
  const result = z.object(shape).safeParse(source);
  if (!result.success)
    return { ok: false, errors: result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) };
  const unsafe = productionProblems(shape, source, result.data as Record<string, unknown>);
  return unsafe.length ? { ok: false, errors: unsafe } : { ok: true, value: result.data };
}
