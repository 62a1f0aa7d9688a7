import { badInput } from '@qurbani/kit';
import { Kind, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import type { MiddlewareFn } from 'type-graphql';

/** Mutations that cost a password hash or verification, or probe credentials (the gateway's list too). */
const AUTH_FIELDS = new Set(['register', 'signIn', 'refreshSession', 'createStaffAccount']);

/** Root fields named in AUTH_FIELDS, counting each alias and each fragment spread. */
function countAuthFields(
  set: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  seen = new Set<string>(),
): number {
  let count = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) count += AUTH_FIELDS.has(selection.name.value) ? 1 : 0;
    else if (selection.kind === Kind.INLINE_FRAGMENT) count += countAuthFields(selection.selectionSet, fragments, seen);
    else if (!seen.has(selection.name.value) && fragments[selection.name.value]) {
      count += countAuthFields(
        fragments[selection.name.value]!.selectionSet,
        fragments,
        new Set(seen).add(selection.name.value),
      );
    }
  }
  return count;
}

/**
 * One sign-in, register or refresh per request: 50 aliased `register`s would otherwise cost 100
 * scrypts in one request, past any per-request limit. Runs before the resolver, so a refused batch
 * does no password work at all. Holds without the gateway's own rule, and sees through fragments.
 */
export const OneAuthFieldPerRequest: MiddlewareFn = ({ info }, next) => {
  if (countAuthFields(info.operation.selectionSet, info.fragments) > 1) {
    throw badInput('Send one sign-in, register, refresh or staff account per request.');
  }
  return next();
};
