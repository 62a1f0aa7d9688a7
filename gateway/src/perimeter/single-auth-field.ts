import { GraphQLError, Kind, type ASTVisitor, type ValidationContext } from 'graphql';

/** Mutations that hash a password or rotate a session: each costs a scrypt or a token family lookup. */
export const AUTH_FIELDS = new Set(['signIn', 'register', 'refreshSession', 'createStaffAccount']);

/**
 * At most one of `AUTH_FIELDS` per request, so aliases cannot turn one request into fifty password
 * hashes (the identity subgraph enforces the same on its side).
 */
export function singleAuthField(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (node.operation !== 'mutation') return;
      const auth = node.selectionSet.selections.filter((s) => s.kind === Kind.FIELD && AUTH_FIELDS.has(s.name.value));
      const spreads = node.selectionSet.selections.some((s) => s.kind !== Kind.FIELD);
      if (auth.length > 1 || (auth.length === 1 && spreads)) {
        context.reportError(new GraphQLError('Send one sign-in, registration or session refresh per request.', { nodes: auth, extensions: { code: 'BAD_USER_INPUT' } }));
      }
    },
  };
}
