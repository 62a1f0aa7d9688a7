import { MikroORM, PostgreSqlDriver, type Options } from '@mikro-orm/postgresql';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import type { Constructor, MigrationObject } from '@mikro-orm/core';
import { prepareNamedStatements } from './named-statements.js';

export interface OrmOptions {
  /** Server URL without a database, e.g. postgresql://postgres@127.0.0.1:5432 */
  baseUrl: string;
  /** Each subgraph owns its own database: one subgraph's schema tools can never drop another's tables. */
  dbName: string;
  entities: Constructor[];
  migrations: MigrationObject[];
  /** Called with every SQL statement; tests use it to count queries per request. */
  onQuery?: (sql: string) => void;
  poolMax?: number;
  /**
   * Lean reads as named prepared statements (default). A pooler that hands one session's statements
   * to another (PgBouncer in transaction mode before 1.21) needs them off.
   */
  namedStatements?: boolean;
  /**
   * Create the database and apply pending migrations at start (default). Off in production, where
   * `npm run migrate` is a deploy step: the service then refuses to start on a schema that is behind.
   */
  migrate?: boolean;
}

const ormConfig = (options: OrmOptions, migrate: boolean): Options => ({
  driver: PostgreSqlDriver,
  clientUrl: options.baseUrl,
  dbName: options.dbName,
  entities: options.entities,
  metadataProvider: ReflectMetadataProvider,
  extensions: [Migrator],
  ensureDatabase: migrate,
  pool: { min: 0, max: options.poolMax ?? 10 },
  driverOptions: options.namedStatements === false ? {} : { onPoolCreated: prepareNamedStatements },
  migrations: {
    migrationsList: options.migrations,
    snapshot: false,
    transactional: true,
    allOrNothing: true,
    silent: true,
  },
  debug: options.onQuery ? ['query'] : false,
  colors: false,
  logger: options.onQuery ? (message) => options.onQuery!(message) : () => undefined,
});

/**
 * Opens the service's database. With `migrate` (the default) creates it when missing and applies
 * its committed migrations; without, refuses a database with migrations pending.
 */
export async function createOrm(options: OrmOptions): Promise<MikroORM> {
  const migrate = options.migrate ?? true;
  const orm = await MikroORM.init(ormConfig(options, migrate));
  try {
    if (migrate) await orm.migrator.up();
    else {
      const pending = await orm.migrator.getPending();
      if (pending.length > 0)
        throw new Error(
          `database ${options.dbName} is ${pending.length} migration(s) behind this build; run \`npm run migrate\` first`,
        );
    }
  } catch (error) {
    await orm.close();
    // 3D000: the database does not exist yet, which in production means the deploy step has not run.
    if ((error as { code?: string }).code === '3D000')
      throw new Error(`database ${options.dbName} does not exist; run \`npm run migrate\` first`, { cause: error });
    throw error;
  }
  return orm;
}

/** The deploy step: creates the service's database when missing and applies pending migrations; returns how many. */
export async function migrateDatabase(options: OrmOptions): Promise<number> {
  const orm = await MikroORM.init(ormConfig(options, true));
  try {
    return (await orm.migrator.up()).length;
  } finally {
    await orm.close();
  }
}

export type { MikroORM };
