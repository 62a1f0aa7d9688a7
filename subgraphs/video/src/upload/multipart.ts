import { gatewayOnly } from '@qurbani/kit';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { Kind, parse, type DocumentNode } from 'graphql';
import { processRequest } from 'graphql-upload-minimal';

/** Root fields a multipart request may select: uploads only, so the route is no back door to the graph. */
const ALLOWED_ROOT_FIELDS = new Set(['uploadVideo', '__typename']);

function onlyUploads(document: DocumentNode): boolean {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  return (
    operations.length === 1 &&
    operations[0]!.operation === 'mutation' &&
    operations[0]!.selectionSet.selections.every((s) => s.kind === Kind.FIELD && ALLOWED_ROOT_FIELDS.has(s.name.value))
  );
}

const fail = (res: Response, status: number, message: string, code: string = 'BAD_REQUEST') =>
  res.status(status).json({ errors: [{ message, extensions: { code } }] });

/**
 * GraphQL multipart requests (graphql-multipart-request-spec) on the subgraph's `/graphql`, which
 * the gateway pipes here unparsed. The viewer token and the CSRF header are checked before the body
 * is read; the file then streams to the `uploadVideo` resolver, never buffered whole.
 */
export function multipartUploads(options: { internalSecret: string }): RequestHandler {
  const onlyGateway = gatewayOnly(options.internalSecret);
  return (req, res, next) => {
    if (!req.is('multipart/form-data')) return next();
    // A refused file is answered before its last byte arrives: the connection cannot be reused then.
    res.setHeader('Connection', 'close');
    onlyGateway(req, res, () => void readUpload(req, res, next));
  };
}

/** After the viewer token: the CSRF header, then the form, which may only run the upload mutation. */
async function readUpload(req: Request, res: Response, next: NextFunction) {
  // Browsers send multipart forms cross-site without a preflight: require a header they cannot add.
  if (!req.header('apollo-require-preflight') && !req.header('x-apollo-operation-name')) {
    return fail(res, 400, 'Multipart requests need a non-empty apollo-require-preflight header.');
  }
  let body: unknown;
  try {
    // No maxFileSize here: on its limit graphql-upload-minimal unpipes the file stream from its reader,
    // which then waits forever. The resolver counts the bytes and refuses an oversized file itself.
    body = await processRequest(req, res, { maxFiles: 1 });
  } catch (error) {
    const status = (error as { status?: number }).status ?? 400;
    return fail(res, status, (error as Error).message);
  }
  const query =
    !Array.isArray(body) && typeof (body as { query?: unknown })?.query === 'string'
      ? (body as { query: string }).query
      : null;
  let allowed: boolean;
  try {
    allowed = query !== null && onlyUploads(parse(query));
  } catch {
    allowed = false;
  }
  if (!allowed) return fail(res, 400, 'A multipart request may only run the uploadVideo mutation.');
  req.body = body;
  next();
}
