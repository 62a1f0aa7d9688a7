import { validate } from 'uuid';
import type { EntityManager } from '@mikro-orm/postgresql';

/** What a bad row is refused for, in the organizer's words: the file's line and column. */
export interface RowError {
  readonly line: number;
  readonly column: string;
  readonly reason: string;
}

/**
 * dry-run: check every row, write nothing. all-or-nothing: write every row or, when one is bad,
 * none. lenient: write the good rows, list the bad ones.
 */
export type ImportMode = 'dry-run' | 'all-or-nothing' | 'lenient';

export type RowCheck<Row> = { readonly value: Row } | { readonly errors: readonly Omit<RowError, 'line'>[] };

/** One kind of master data a subgraph imports from CSV (`POST /imports/<kind>`). */
export interface CsvImport<Row, Target> {
  /** The route's last segment, e.g. `animals`. */
  readonly kind: string;
  readonly requiredColumns: readonly string[];
  readonly optionalColumns: readonly string[];
  /** Reads the query parameters and what they name (the site, the season), refusing with `ImportRefused`. */
  target(em: EntityManager, query: Record<string, unknown>): Promise<Target>;
  /** Checks one row, without the database. */
  check(record: Readonly<Record<string, string>>, target: Target): RowCheck<Row>;
  /**
   * Writes a batch in the import's transaction and says, per row, why one was not written (a
   * duplicate of an existing row or of an earlier line), or null when it was.
   */
  insert(tx: EntityManager, rows: readonly Row[], target: Target): Promise<(Omit<RowError, 'line'> | null)[]>;
  /** The audit record's entity type and ids for a committed import. */
  readonly audit: { readonly scope: string; readonly entityType: string; entityIds(target: Target): string[] };
}

/** A refusal before any row is read: the HTTP status, code and message. */
export class ImportRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ImportReport {
  readonly mode: ImportMode;
  /** Data rows read (the header line excluded). */
  readonly read: number;
  readonly valid: number;
  readonly imported: number;
  /** The first `MAX_ERRORS_LISTED` bad rows, in file order. */
  readonly errors: readonly RowError[];
  readonly errorCount: number;
}

/** The id a query parameter names (`?siteId=`), as `assertId` reads ids, or a 400 saying what to give. */
export function queryId(query: Record<string, unknown>, name: string, message: string): string {
  const value = query[name];
  if (typeof value !== 'string' || !validate(value)) throw new ImportRefused(400, 'BAD_USER_INPUT', message);
  return value.toLowerCase();
}
