import { MikroORM, PostgreSqlDriver, type Options } from '@mikro-orm/postgresql';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import type { Constructor, MigrationObject } from '@mikro-orm/core';

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
}

/** Opens the subgraph's database (creating it when missing) and applies its committed migrations. */
export async function createOrm(options: OrmOptions): Promise<MikroORM> {
  const config: Options = {
    driver: PostgreSqlDriver,
    clientUrl: options.baseUrl,
    dbName: options.dbName,
    entities: options.entities,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    ensureDatabase: true,
    pool: { min: 0, max: options.poolMax ?? 10 },
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
  };
  const orm = await MikroORM.init(config);
  await orm.migrator.up();
  return orm;
}

export type { MikroORM };
