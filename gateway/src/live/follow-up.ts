import {
  Kind,
  print,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { LiveField } from './live-fields.js';

/** Variable the follow-up query receives the event's id in. */
const LIVE_ID_VARIABLE = 'liveEventId_';

/** How the events of one subscription are turned into results. */
export interface Resolution {
  /** Response key of the subscription field (its alias or name): the follow-up uses the same. */
  responseKey: string;
  /** The follow-up query, printed once. */
  query: string;
  /** The subscriber's variables that the follow-up still uses. */
  variables: Record<string, unknown>;
  /** Set when the selection only reads fields the signal carries: no query at all. */
  fromSignal: ((signal: Record<string, unknown>) => Record<string, unknown>) | null;
  /** Same key, same result for the same event: resolved once for all such subscribers. */
  key: string;
}

/**
 * Turns `subscription { orderUpdated(orderId: $o) { ...selection } }` into
 * `query($liveEventId_: ID!) { orderUpdated: order(id: $liveEventId_) { ...selection } }`: the
 * subscriber's own selection, fragments and variables, executed through the gateway for each event
 * so every subgraph's fields resolve. The response key is kept, so the query's data is the event.
 */
export function planResolution(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  root: FieldNode,
  field: LiveField,
  variables: Record<string, unknown>,
): Resolution {
  const responseKey = root.alias?.value ?? root.name.value;
  const fragments = document.definitions.filter(
    (d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION,
  );
  const followUpField: FieldNode = {
    kind: Kind.FIELD,
    alias: { kind: Kind.NAME, value: responseKey },
    name: { kind: Kind.NAME, value: field.query.field },
    arguments: [
      {
        kind: Kind.ARGUMENT,
        name: { kind: Kind.NAME, value: field.query.arg },
        value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: LIVE_ID_VARIABLE } },
      },
    ],
    directives: root.directives,
    selectionSet: root.selectionSet,
  };
  const draft: OperationDefinitionNode = {
    kind: Kind.OPERATION_DEFINITION,
    operation: 'query' as OperationDefinitionNode['operation'],
    name: operation.name,
    variableDefinitions: [],
    selectionSet: { kind: Kind.SELECTION_SET, selections: [followUpField] },
  };
  // Keep only the fragments and variables the follow-up still uses (GraphQL refuses unused ones).
  const usedFragments = fragmentsUsedBy(draft.selectionSet, fragments);
  const usedVariables = new Set<string>();
  for (const node of [draft, ...usedFragments])
    visit(node, {
      Variable: (v) => {
        usedVariables.add(v.name.value);
      },
    });
  const idType = {
    kind: Kind.NON_NULL_TYPE,
    type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'ID' } },
  } as const;
  const operationNode: OperationDefinitionNode = {
    ...draft,
    variableDefinitions: [
      {
        kind: Kind.VARIABLE_DEFINITION,
        variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: LIVE_ID_VARIABLE } },
        type: idType,
      },
      ...(operation.variableDefinitions ?? []).filter((d) => usedVariables.has(d.variable.name.value)),
    ],
  };
  const query = print({ kind: Kind.DOCUMENT, definitions: [operationNode, ...usedFragments] });
  const kept = Object.fromEntries(Object.entries(variables).filter(([name]) => usedVariables.has(name)));
  const fromSignal =
    field.signalFields && root.selectionSet ? projector(root.selectionSet, fragments, field.signalFields) : null;
  return {
    responseKey,
    query,
    variables: kept,
    fromSignal,
    key: fromSignal ? `signal:${query}` : `${query}\n${JSON.stringify(kept)}`,
  };
}

function fragmentsUsedBy(set: SelectionSetNode, all: FragmentDefinitionNode[]): FragmentDefinitionNode[] {
  const used = new Map<string, FragmentDefinitionNode>();
  const walk = (node: SelectionSetNode | FragmentDefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        const fragment = all.find((f) => f.name.value === name);
        if (!fragment || used.has(name)) return;
        used.set(name, fragment);
        walk(fragment);
      },
    });
  walk(set);
  return [...used.values()];
}

/**
 * A function copying the selected fields out of a signal, or null when the selection asks for
 * anything the signal does not carry (a field outside `available`, arguments or directives).
 */
function projector(set: SelectionSetNode, fragments: FragmentDefinitionNode[], available: ReadonlySet<string>) {
  const picks: { key: string; name: string }[] = [];
  const collect = (s: SelectionSetNode, seen: Set<string>): boolean => {
    for (const selection of s.selections) {
      if (selection.directives?.length) return false;
      if (selection.kind === Kind.FIELD) {
        if (!available.has(selection.name.value) || selection.arguments?.length || selection.selectionSet) return false;
        picks.push({ key: selection.alias?.value ?? selection.name.value, name: selection.name.value });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (!collect(selection.selectionSet, seen)) return false;
      } else {
        const fragment = fragments.find((f) => f.name.value === selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) return false;
        if (!collect(fragment.selectionSet, new Set(seen).add(fragment.name.value))) return false;
      }
    }
    return true;
  };
  if (!collect(set, new Set())) return null;
  return (signal: Record<string, unknown>) => {
    const out: Record<string, unknown> = {};
    for (const { key, name } of picks) out[key] = signal[name] ?? null;
    return out;
  };
}
