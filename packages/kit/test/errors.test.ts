import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { rootLogger } from '@qurbani/telemetry';
import { GraphQLError } from 'graphql';
import { badInput, ErrorCode, formatError, forbidden, notFound } from '../src/index.js';

const formatted = (error: GraphQLError) => formatError(error.toJSON(), error);

describe('errors a client sees (formatError)', () => {
  it('keeps the code and message of an expected failure, and drops its stack trace', () => {
    const error = badInput('first must be between 1 and 100.', 'first');
    const out = formatError(
      { ...error.toJSON(), extensions: { ...error.extensions, stacktrace: ['at secret.ts:1'] } },
      error,
    );
    assert.equal(out.message, 'first must be between 1 and 100.');
    assert.deepEqual(out.extensions, { code: ErrorCode.BadUserInput, field: 'first' });
  });

  it("passes GraphQL's own request errors through", () => {
    const error = new GraphQLError('Cannot query field "x" on type "Query".', {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    assert.equal(formatted(error).extensions?.code, 'GRAPHQL_VALIDATION_FAILED');
    assert.equal(formatted(forbidden()).extensions?.code, ErrorCode.Forbidden);
    assert.equal(formatted(notFound('Order', 'o1')).message, 'Order o1 was not found.');
  });

  it('masks anything unexpected: no SQL, no personal data, no stack reaches the client, and logs the original once', (t) => {
    const log = t.mock.method(rootLogger(), 'error', () => undefined);
    const leak = new Error('insert into "donor" ("phone") values (\'+212612345678\') - duplicate key');
    const error = new GraphQLError(leak.message, { path: ['placeOrder'], originalError: leak });
    const out = formatError(error.toJSON(), error);
    assert.deepEqual(out, {
      message: 'Internal server error.',
      path: ['placeOrder'],
      extensions: { code: ErrorCode.Internal },
    });
    assert.doesNotMatch(JSON.stringify(out), /212612345678|insert|donor/);
    assert.equal(log.mock.callCount(), 1);
    assert.equal((log.mock.calls[0]!.arguments[0] as { err: unknown }).err, leak);
  });

  it('masks an error that claims a code we do not hand out, or claims to be internal with details', () => {
    mock.method(rootLogger(), 'error', () => undefined);
    const invented = new GraphQLError('relation "x" does not exist', { extensions: { code: 'DATABASE_ERROR' } });
    assert.equal(formatted(invented).message, 'Internal server error.');
    const internal = new GraphQLError('pool exhausted at 10.0.0.5', { extensions: { code: ErrorCode.Internal } });
    assert.deepEqual(formatted(internal).extensions, { code: ErrorCode.Internal });
    assert.equal(formatted(internal).message, 'Internal server error.');
    mock.restoreAll();
  });
});
