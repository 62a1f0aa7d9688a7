import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** What each GraphQL field of an entity's type reads of the entity: its resolver's properties. */
export type FieldReads = Readonly<Record<string, readonly string[]>>;

export interface SelectedFieldsOptions {
  /**
   * The fields a narrow read may serve, each with the properties it reads: a plain field its own
   * property, a field resolver whatever it reads of the row. A field not listed (one nobody checked)
   * makes the read take every column.
   */
  reads: FieldReads;
  /** Read whatever the query asks: the loader's own key (the property it groups rows by). */
  always?: readonly string[];
  /** Where the entities sit below the resolved field: `['edges', 'node']` for a connection. */
  path?: readonly string[];
}

const known = new WeakMap<FieldNode, readonly string[] | null>();

/**
 * The entity properties a query reads of the objects `info`'s field returns, for `leanFind`'s
 * `fields`: what `reads` says each selected field reads, plus `always`; undefined (every column)
 * when a selected field is not in `reads`. Fragments are followed; `@skip`/`@include` are not (a
 * skipped field is still read), so the answer depends on the document only and is kept per field
 * node, which lives as long as the compiled document.
 *
 * `Loaders.withFields` reads the fields of every load of one batch together.
 */
export function selectedFields(
  info: GraphQLResolveInfo,
  options: SelectedFieldsOptions,
): readonly string[] | undefined {
  const node = info.fieldNodes[0]!;
  if (known.has(node)) return known.get(node) ?? undefined;
  const fields = narrowFields(info, options);
  known.set(node, fields ?? null);
  return fields;
}

function narrowFields(info: GraphQLResolveInfo, options: SelectedFieldsOptions): readonly string[] | undefined {
  const names = new Set<string>();
  for (const field of info.fieldNodes) {
    let sets = field.selectionSet ? [field.selectionSet] : [];
    for (const step of options.path ?? []) sets = sets.flatMap((set) => childSets(set, step, info));
    for (const set of sets) collectNames(set, info, names);
  }
  const properties = new Set(options.always);
  for (const name of names) {
    if (name === '__typename') continue;
    const reads = Object.hasOwn(options.reads, name) ? options.reads[name] : undefined;
    if (!reads) return undefined;
    for (const property of reads) properties.add(property);
  }
  return Object.freeze([...properties].sort());
}

/** The selection sets of the fields named `name` in `set`, through fragments. */
function childSets(set: SelectionSetNode, name: string, info: GraphQLResolveInfo): SelectionSetNode[] {
  return set.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD)
      return selection.name.value === name && selection.selectionSet ? [selection.selectionSet] : [];
    const fragment =
      selection.kind === Kind.INLINE_FRAGMENT ? selection : (info.fragments[selection.name.value] ?? null);
    return fragment ? childSets(fragment.selectionSet, name, info) : [];
  });
}

function collectNames(set: SelectionSetNode, info: GraphQLResolveInfo, names: Set<string>): void {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) names.add(selection.name.value);
    else {
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : info.fragments[selection.name.value];
      if (fragment) collectNames(fragment.selectionSet, info, names);
    }
  }
}
