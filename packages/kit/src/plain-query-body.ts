import type { DocumentNode, GraphQLError, GraphQLFormattedError, OperationDefinitionNode } from 'graphql';

/** A plain JSON request body: a document, its variables and operation name, no extensions. */
export interface GraphqlBody {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

export type Formatter = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/** A body the fast paths take: a string document, and no extensions (persisted queries are Apollo's). */
export const isPlainQueryBody = (body: unknown): body is GraphqlBody => {
  if (!body || typeof body !== 'object') return false;
  const { query, variables, operationName, extensions } = body as Record<string, unknown>;
  return (
    typeof query === 'string' &&
    (variables === undefined || variables === null || (typeof variables === 'object' && !Array.isArray(variables))) &&
    (operationName === undefined || operationName === null || typeof operationName === 'string') &&
    (extensions === undefined ||
      (typeof extensions === 'object' && extensions !== null && Object.keys(extensions).length === 0))
  );
};

/** What a fast path keeps a prepared document under: the same text may hold several operations. */
export const documentKey = (body: GraphqlBody) => `${body.operationName ?? ''}\n${body.query}`;

/** The operation `body` asks for, as graphql-js chooses it; undefined when there is none to choose. */
export function chosenOperation(document: DocumentNode, body: GraphqlBody): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
  if (body.operationName) return operations.find((o) => o.name?.value === body.operationName);
  return operations.length === 1 ? operations[0] : undefined;
}

/** Apollo answers `application/graphql-response+json` to a client that prefers it; that choice stays Apollo's. */
export const acceptsJson = (accept: string | undefined) =>
  !accept || (!accept.includes('application/graphql-response+json') && /application\/json|\*\/\*/.test(accept));

/**
 * As Apollo Server shapes an error before its `formatError` (errorNormalize.ts), so masking is the
 * same. graphql-jit's errors are graphql-js's `GraphQLError` without `extensions` when there are none.
 */
export function formatForClient(format: Formatter, error: GraphQLError): GraphQLFormattedError {
  const extensions = { ...error.extensions, code: error.extensions?.code ?? 'INTERNAL_SERVER_ERROR' };
  try {
    return format({ ...error.toJSON(), extensions }, error);
  } catch {
    return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
}
