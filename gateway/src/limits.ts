import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql';

/** How deep and how wide one request may go: generous for the apps, fatal for abusive queries. */
export const LIMITS = { maxDepth: 14, maxAliases: 50 };

function depthOf(set: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>, seen: Set<string>): number {
  if (!set) return 0;
  let deepest = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet, fragments, seen));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, depthOf(selection.selectionSet, fragments, seen));
    } else if (!seen.has(selection.name.value)) {
      const fragment = fragments[selection.name.value];
      deepest = Math.max(deepest, depthOf(fragment?.selectionSet, fragments, new Set(seen).add(selection.name.value)));
    }
  }
  return deepest;
}

/** Refuses operations nested deeper than `maxDepth` or with more than `maxAliases` aliases. */
export function queryLimits(context: ValidationContext): ASTVisitor {
  const document = context.getDocument();
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  let aliases = 0;
  return {
    Field(node) {
      if (node.alias && ++aliases === LIMITS.maxAliases + 1) {
        context.reportError(new GraphQLError(`At most ${LIMITS.maxAliases} aliases per request.`, { extensions: { code: 'BAD_USER_INPUT' } }));
      }
    },
    OperationDefinition(node) {
      const depth = depthOf(node.selectionSet, fragments, new Set());
      if (depth > LIMITS.maxDepth) {
        context.reportError(new GraphQLError(`This query is ${depth} levels deep; the limit is ${LIMITS.maxDepth}.`, { extensions: { code: 'BAD_USER_INPUT' } }));
      }
    },
  };
}
