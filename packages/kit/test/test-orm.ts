import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import type { Constructor } from '@mikro-orm/core';
import { MikroORM, PostgreSqlDriver, type Options } from '@mikro-orm/postgresql';
import { prepareNamedStatements } from '../src/named-statements.js';
import { testRunId } from '../src/testing/index.js';

/** A throw-away database named after the test file and run, with the tables of `entities`. */
export async function openTestOrm(
  name: string,
  entities: Constructor[],
  options: Partial<Options> = {},
): Promise<MikroORM> {
  const orm = await MikroORM.init({
    driver: PostgreSqlDriver,
    clientUrl: process.env.DATABASE_URL_BASE ?? 'postgresql://postgres@127.0.0.1:5432',
    dbName: `qurbani_kit_${name}_${testRunId()}`,
    entities,
    metadataProvider: ReflectMetadataProvider,
    ensureDatabase: true,
    // As createOrm opens a service's database.
    driverOptions: { onPoolCreated: prepareNamedStatements },
    ...options,
  });
  await orm.schema.create();
  return orm;
}

/** Drops the database `openTestOrm` made and closes its pool. */
export async function dropTestOrm(orm: MikroORM | undefined): Promise<void> {
  if (!orm) return;
  await orm.schema.dropDatabase();
  await orm.close();
}
