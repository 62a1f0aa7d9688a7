import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FieldNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

/** Mutations that hash a password or rotate a session: each costs a scrypt or a token family lookup. */
const AUTH_FIELDS = new Set(['signIn', 'register', 'refreshSession', 'createStaffAccount']);

/** Root fields of a selection, looking through inline fragments and fragment spreads. */
function rootFields(set: SelectionSetNode, context: ValidationContext, seen = new Set<string>()): FieldNode[] {
  return set.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFields(selection.selectionSet, context, seen);
    const name = selection.name.value;
    const fragment = seen.has(name) ? undefined : context.getFragment(name);
    return fragment ? rootFields(fragment.selectionSet, context, seen.add(name)) : [];
  });
}

/**
 * At most one of `AUTH_FIELDS` per request, so aliases cannot turn one request into fifty password
 * hashes (the identity subgraph enforces the same on its side).
 */
export function singleAuthField(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (node.operation !== 'mutation') return;
      const auth = rootFields(node.selectionSet, context).filter((field) => AUTH_FIELDS.has(field.name.value));
      if (auth.length > 1) {
        context.reportError(
          new GraphQLError('Send one sign-in, registration or session refresh per request.', {
            nodes: auth,
            extensions: { code: 'BAD_USER_INPUT' },
          }),
        );
      }
    },
  };
}
