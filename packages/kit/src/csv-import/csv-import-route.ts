import type { MikroORM } from '@mikro-orm/postgresql';
import { parse } from 'csv-parse';
import type { Express, Request, Response } from 'express';
import { pipeline, Transform, type TransformCallback } from 'node:stream';
import { audit } from '../audit/index.js';
import { isOrganizer } from '../authz.js';
import { gatewayOnly, gatewayOrigin } from '../gateway-only.js';
import { IMPORTS_PATH } from '../http-contract.js';
import { sendError } from '../json-errors.js';
import {
  ImportRefused,
  type CsvImport,
  type ImportMode,
  type ImportReport,
  type RowError,
} from './csv-import.types.js';

const MODES: readonly ImportMode[] = ['dry-run', 'all-or-nothing', 'lenient'];
const BATCH = 500;
const MAX_ERRORS_LISTED = 1000;
/** 64 MiB: some 1.5 million animal rows, more than a season holds. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

/** Counts the bytes going through and fails the stream past the limit. */
class ByteLimit extends Transform {
  private seen = 0;
  constructor(private readonly limit: number) {
    super();
  }
  override _transform(chunk: Buffer, _: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.limit) done(new ImportRefused(413, 'PAYLOAD_TOO_LARGE', `Send at most ${this.limit} bytes.`));
    else done(null, chunk);
  }
}

/** Rolls the transaction back after a dry run or a refused all-or-nothing import. */
class RollBack extends Error {}

function checkHeader(
  header: string[],
  spec: { requiredColumns: readonly string[]; optionalColumns: readonly string[] },
): string[] {
  const known = new Set([...spec.requiredColumns, ...spec.optionalColumns]);
  const columns = header.map((h) => h.trim());
  const unknown = columns.filter((c) => !known.has(c));
  if (unknown.length)
    throw new ImportRefused(
      400,
      'BAD_USER_INPUT',
      `Unknown column(s): ${unknown.join(', ')}. Known: ${[...known].join(', ')}.`,
    );
  const missing = spec.requiredColumns.filter((c) => !columns.includes(c));
  if (missing.length) throw new ImportRefused(400, 'BAD_USER_INPUT', `Missing column(s): ${missing.join(', ')}.`);
  if (new Set(columns).size !== columns.length)
    throw new ImportRefused(400, 'BAD_USER_INPUT', 'A column is named twice.');
  return columns;
}

async function runImport<Row, Target>(
  orm: MikroORM,
  spec: CsvImport<Row, Target>,
  req: Request,
  mode: ImportMode,
): Promise<ImportReport> {
  const errors: RowError[] = [];
  let errorCount = 0;
  let read = 0;
  let valid = 0;
  let imported = 0;
  const refuse = (e: RowError) => {
    errorCount += 1;
    if (errors.length < MAX_ERRORS_LISTED) errors.push(e);
  };
  const em = orm.em.fork();
  const target = await spec.target(em, req.query as Record<string, unknown>);
  const rows = parse({ columns: (header: string[]) => checkHeader(header, spec), info: true, bom: true, trim: true });
  // pipeline, not pipe: a failure anywhere (the byte limit, a dropped client, bad CSV) ends the
  // parser with that error, which the loop below throws, and leaves no stream erroring unheard.
  pipeline(req, new ByteLimit(MAX_IMPORT_BYTES), rows, () => undefined);
  try {
    await em.transactional(async (tx) => {
      let batch: { row: Row; line: number }[] = [];
      const flush = async () => {
        if (!batch.length) return;
        const outcome = await spec.insert(
          tx,
          batch.map((b) => b.row),
          target,
        );
        outcome.forEach((refusal, i) => {
          if (refusal) refuse({ line: batch[i]!.line, ...refusal });
          else imported += 1;
        });
        batch = [];
      };
      for await (const { record, info } of rows as AsyncIterable<{
        record: Record<string, string>;
        info: { lines: number };
      }>) {
        read += 1;
        const checked = spec.check(record, target);
        if ('errors' in checked) {
          for (const e of checked.errors) refuse({ line: info.lines, ...e });
          continue;
        }
        valid += 1;
        batch.push({ row: checked.value, line: info.lines });
        if (batch.length >= BATCH) await flush();
      }
      await flush();
      if (mode === 'dry-run' || (mode === 'all-or-nothing' && errorCount > 0)) throw new RollBack();
      await audit(
        tx,
        spec.audit.scope,
        { viewer: gatewayOrigin(req).viewer, requestId: req.header('x-request-id') ?? null },
        {
          action: `${spec.kind}.imported`,
          entityType: spec.audit.entityType,
          entityIds: spec.audit.entityIds(target),
          after: { mode, read, imported, refused: errorCount },
        },
      );
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
    imported = 0;
  }
  // Duplicates are found when their batch is written, after later lines' own faults: back to file order.
  errors.sort((a, b) => a.line - b.line);
  return { mode, read, valid, imported, errors, errorCount };
}

function answerFailure(res: Response, error: unknown, kind: string): void {
  if (res.headersSent) return void res.destroy();
  if (error instanceof ImportRefused) return sendError(res, error.status, error.code, error.message);
  const code = (error as { code?: string }).code;
  if (typeof code === 'string' && code.startsWith('CSV_')) {
    const line = (error as { lines?: number }).lines;
    return sendError(
      res,
      400,
      'BAD_USER_INPUT',
      `The file is not valid CSV${line ? ` (line ${line})` : ''}: ${(error as Error).message}`,
    );
  }
  console.error(`${kind} import failed`, error);
  sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'The import failed; nothing was written.');
}

/**
 * Mounts `POST /imports/<kind>?mode=dry-run|all-or-nothing|lenient&...`: gateway-only, organizers
 * only (checked here, the owner), a `text/csv` body streamed through the parser in one transaction
 * and written in batches, so memory does not grow with the file. Answers an `ImportReport`.
 */
export function csvImportRoute<Row, Target>(orm: MikroORM, internalSecret: string, spec: CsvImport<Row, Target>) {
  return (app: Express): void => {
    app.post(`${IMPORTS_PATH}/${spec.kind}`, gatewayOnly(internalSecret), async (req, res) => {
      if (!isOrganizer(gatewayOrigin(req).viewer))
        return sendError(res, 403, 'FORBIDDEN', `Only organizers may import ${spec.kind}.`);
      const mode = (req.query.mode ?? 'dry-run') as ImportMode;
      if (!MODES.includes(mode)) return sendError(res, 400, 'BAD_USER_INPUT', `mode is one of ${MODES.join(', ')}.`);
      if (!/^text\/csv\b/i.test(req.header('content-type') ?? ''))
        return sendError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the file as text/csv.');
      try {
        const report = await runImport(orm, spec, req, mode);
        res.status(200).json(report);
      } catch (error) {
        answerFailure(res, error, spec.kind);
      }
    });
  };
}
