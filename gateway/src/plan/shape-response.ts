import { ERRORS } from '@apollo/federation-internals';
import {
  getNamedType,
  isAbstractType,
  isInterfaceType,
  isCompositeType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isSpecifiedScalarType,
  Kind,
  valueFromASTUntyped,
  type DirectiveNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLError,
  type GraphQLLeafType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** The operation's variables that have a default, with it: conditions read them when the request has none. */
export function variableDefaults(operation: OperationDefinitionNode): Variables {
  const defaults: Variables = {};
  for (const definition of operation.variableDefinitions ?? [])
    if (definition.defaultValue)
      defaults[definition.variable.name.value] = valueFromASTUntyped(definition.defaultValue);
  return defaults;
}

/** A construct this shaper does not handle; the operation then runs on @apollo/gateway's executor. */
class Unsupported extends Error {}

type Variables = Record<string, unknown>;
type Path = (string | number)[];
type Skip = ((variables: Variables) => boolean) | null;

interface FieldStep {
  readonly kind: 'field';
  readonly skip: Skip;
  readonly responseName: string;
  readonly fieldName: string;
  readonly isTypename: boolean;
  readonly type: GraphQLOutputType;
  readonly steps: Step[] | null;
}

interface FragmentStep {
  readonly kind: 'fragment';
  readonly skip: Skip;
  readonly typeCondition: GraphQLCompositeType | null;
  readonly steps: Step[];
}

type Step = FieldStep | FragmentStep;

interface Shaping {
  readonly schema: GraphQLSchema;
  readonly variables: Variables;
  readonly errors: GraphQLError[];
}

/** `variables`: the request's over the operation's defaults. */
export type ShapeResponse = (
  input: Record<string, unknown>,
  variables: Variables,
) => { data: Record<string, unknown> | null; errors: GraphQLError[] };

/**
 * The client's answer from the merged subgraph data, as @apollo/gateway's `computeResponse` makes it
 * (the same fields in the same order, aliases, `__typename`, @skip/@include, null propagation for
 * non-null fields and the same value-completion errors), compiled once per operation: the
 * interpreter walks @apollo/federation-internals' operation objects and looks up directives and types
 * on every value, a tenth of the gateway's CPU on the tracking screen.
 */
export function compileShaper(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
): ShapeResponse {
  const root = schema.getRootType(operation.operation);
  if (!root) throw new Unsupported(`no ${operation.operation} type`);
  const steps = compileSelectionSet(schema, operation.selectionSet, root, fragments);
  const defaults: Variables = {};
  for (const definition of operation.variableDefinitions ?? [])
    if (definition.defaultValue)
      defaults[definition.variable.name.value] = valueFromASTUntyped(definition.defaultValue);
  return (input, variables) => {
    const shaping: Shaping = { schema, variables: { ...defaults, ...variables }, errors: [] };
    const data = Object.create(null) as Record<string, unknown>;
    const bubbled = applySelectionSet(input, steps, data, shaping, [], root);
    return { data: bubbled ? null : data, errors: shaping.errors };
  };
}

function compileSelectionSet(
  schema: GraphQLSchema,
  selectionSet: SelectionSetNode,
  parentType: GraphQLCompositeType,
  fragments: Record<string, FragmentDefinitionNode>,
): Step[] {
  return selectionSet.selections.map((selection): Step => {
    const skip = skipTest(selection.directives);
    if (selection.kind === Kind.FIELD) {
      const fieldName = selection.name.value;
      const responseName = selection.alias?.value ?? fieldName;
      if (fieldName === '__typename')
        return { kind: 'field', skip, responseName, fieldName, isTypename: true, type: parentType, steps: null };
      if (fieldName.startsWith('__')) throw new Unsupported('introspection below the root');
      if (isObjectType(parentType) || isInterfaceType(parentType)) {
        const definition = parentType.getFields()[fieldName];
        if (!definition) throw new Unsupported(`${parentType.name}.${fieldName} is unknown`);
        const named = getNamedType(definition.type);
        const steps =
          selection.selectionSet && isCompositeType(named)
            ? compileSelectionSet(schema, selection.selectionSet, named, fragments)
            : null;
        return { kind: 'field', skip, responseName, fieldName, isTypename: false, type: definition.type, steps };
      }
      throw new Unsupported(`field ${fieldName} on union ${parentType.name}`);
    }
    const definition = selection.kind === Kind.FRAGMENT_SPREAD ? fragments[selection.name.value] : selection;
    if (!definition) throw new Unsupported('unknown fragment');
    const condition = definition.typeCondition ? schema.getType(definition.typeCondition.name.value) : null;
    if (condition !== null && !isCompositeType(condition)) throw new Unsupported('fragment on a non-composite type');
    const inner = condition ?? parentType;
    return {
      kind: 'fragment',
      skip,
      typeCondition: condition,
      steps: compileSelectionSet(schema, definition.selectionSet, inner, fragments),
    };
  });
}

/** `@skip(if:)` / `@include(if:)`, the first of each, as @apollo/gateway reads them. */
function skipTest(directives: readonly DirectiveNode[] | undefined): Skip {
  const skip = directives?.find((d) => d.name.value === 'skip');
  const include = directives?.find((d) => d.name.value === 'include');
  if (!skip && !include) return null;
  const condition = (directive: DirectiveNode | undefined) => {
    const arg = directive?.arguments?.find((a) => a.name.value === 'if')?.value;
    if (!arg) return () => undefined;
    if (arg.kind === Kind.VARIABLE) {
      const name = arg.name.value;
      return (variables: Variables) => {
        const value = variables[name];
        if (typeof value !== 'boolean') throw new Error(`Unexpected value ${String(value)} for variable $${name}`);
        return value;
      };
    }
    const literal = valueFromASTUntyped(arg) as boolean;
    return () => literal;
  };
  const skipIf = condition(skip);
  const includeIf = condition(include);
  return (variables) =>
    (skip ? skipIf(variables) === true : false) || (include ? includeIf(variables) !== true : false);
}

const getOwn = (object: Record<string, unknown>, key: string): unknown =>
  Object.hasOwn(object, key) ? object[key] : undefined;

/** True when the selection set's object must become null (a non-null field of it is null). */
function applySelectionSet(
  input: Record<string, unknown>,
  steps: Step[],
  output: Record<string, unknown>,
  shaping: Shaping,
  path: Path,
  parentType: GraphQLCompositeType,
): boolean {
  for (const step of steps) {
    if (step.skip?.(shaping.variables)) continue;
    if (step.kind === 'field') {
      const outputValue = output[step.responseName];
      let inputValue = getOwn(input, step.responseName) ?? null;
      if (step.isTypename) {
        if (outputValue !== undefined) continue;
        if (inputValue === null && step.responseName !== '__typename') inputValue = input.__typename ?? null;
        const type = typeof inputValue === 'string' ? (shaping.schema.getType(inputValue) ?? parentType) : parentType;
        if (!isObjectType(type)) return true;
        output[step.responseName] = type.name;
        continue;
      }
      path.push(step.responseName);
      const result = updateOutputValue(outputValue, step.type, inputValue, step.steps, path, shaping, parentType);
      output[step.responseName] = result.updated;
      path.pop();
      if (result.isInvalid) return true;
      continue;
    }
    const typename = input.__typename;
    if (typename !== undefined && typeof typename !== 'string')
      throw new Error(`Got unexpected value for __typename: ${String(typename)}`);
    if (typeConditionApplies(shaping.schema, step.typeCondition, typename, parentType)) {
      const inner = step.typeCondition ?? parentType;
      if (applySelectionSet(input, step.steps, output, shaping, path, inner)) return true;
    }
  }
  return false;
}

function typeConditionApplies(
  schema: GraphQLSchema,
  condition: GraphQLCompositeType | null,
  typename: string | undefined,
  parentType: GraphQLCompositeType,
): boolean {
  if (!condition) return true;
  const type = typename ? schema.getType(typename) : parentType;
  if (!type) return false;
  if (type === condition) return true;
  return (
    isAbstractType(condition) && (isObjectType(type) || isInterfaceType(type)) && schema.isSubType(condition, type)
  );
}

interface Updated {
  updated: unknown;
  isInvalid?: boolean;
  hasErrors?: boolean;
}

function describe(path: Path, type: GraphQLOutputType, parentType: GraphQLCompositeType): string {
  const element = path[path.length - 1];
  return typeof element === 'string'
    ? `field ${parentType.name}.${element}`
    : `array element of type ${String(type)} at index ${element}`;
}

function updateOutputValue(
  outputValue: unknown,
  type: GraphQLOutputType,
  inputValue: unknown,
  steps: Step[] | null,
  path: Path,
  shaping: Shaping,
  parentType: GraphQLCompositeType,
): Updated {
  if (outputValue === null || (outputValue !== undefined && !steps)) return { updated: outputValue };
  if (isNonNullType(type)) {
    const { updated, hasErrors } = updateOutputValue(
      outputValue,
      type.ofType,
      inputValue,
      steps,
      path,
      shaping,
      parentType,
    );
    if (updated !== null) return { updated };
    if (!hasErrors)
      shaping.errors.push(
        ERRORS.INVALID_GRAPHQL.err(`Cannot return null for non-nullable ${describe(path, type.ofType, parentType)}.`, {
          path: [...path],
        }),
      );
    return { updated, isInvalid: true, hasErrors: true };
  }
  if (inputValue === null) return { updated: null };
  if (isListType(type)) {
    if (!Array.isArray(inputValue))
      throw new Error(
        `Invalid non-list value ${String(inputValue)} returned by subgraph for list type ${String(type)}`,
      );
    const outputs = outputValue === undefined ? new Array<unknown>(inputValue.length).fill(undefined) : outputValue;
    if (!Array.isArray(outputs) || outputs.length !== inputValue.length)
      throw new Error(`Invalid list value returned by subgraph for list type ${String(type)}`);
    let nullify = false;
    let hasErrors = false;
    const updated = outputs.map((element, index) => {
      path.push(index);
      const result = updateOutputValue(
        element,
        type.ofType,
        inputValue[index] as unknown,
        steps,
        path,
        shaping,
        parentType,
      );
      path.pop();
      nullify ||= !!result.isInvalid;
      hasErrors ||= !!result.hasErrors;
      return result.updated;
    });
    return { updated: nullify ? null : updated, hasErrors };
  }
  if (isCompositeType(type)) {
    if (!steps) throw new Error(`Invalid empty selection set for composite type ${type.name}`);
    if (typeof inputValue !== 'object')
      throw new Error(
        `Invalid non-object value ${String(inputValue)} returned by subgraph for composite type ${type.name}`,
      );
    const object = inputValue as Record<string, unknown>;
    const typename = object.__typename;
    if (typename !== undefined && typeof typename !== 'string')
      throw new Error(`Invalid non-string value ${String(typename)} for __typename at ${path.join('.')}`);
    let objectType: GraphQLCompositeType = type;
    if (typename) {
      const named = shaping.schema.getType(typename);
      if (!named || !isCompositeType(named)) {
        shaping.errors.push(
          ERRORS.INVALID_GRAPHQL.err(`Invalid __typename found for object at ${describe(path, type, parentType)}.`, {
            path: [...path],
          }),
        );
        return { updated: null, hasErrors: true };
      }
      objectType = named;
    }
    const output = (outputValue ?? Object.create(null)) as Record<string, unknown>;
    const bubbled = applySelectionSet(object, steps, output, shaping, path, objectType);
    return { updated: bubbled ? null : output, hasErrors: bubbled };
  }
  const valid = isValidLeafValue(inputValue, type);
  if (!valid)
    shaping.errors.push(
      ERRORS.INVALID_GRAPHQL.err(`Invalid value found for ${describe(path, type, parentType)}.`, { path: [...path] }),
    );
  return { updated: valid ? inputValue : null, hasErrors: !valid };
}

const INTEGER = /^-?(?:0|[1-9][0-9]*)$/;

/** As @apollo/federation-internals' `isValidLeafValue`: custom scalars pass as they are. */
function isValidLeafValue(value: unknown, type: GraphQLLeafType): boolean {
  if (!isSpecifiedScalarType(type) && !isEnumType(type)) return true;
  if (typeof value === 'boolean') return type.name === 'Boolean';
  if (typeof value === 'number' && Number.isFinite(value)) {
    if (type.name === 'Int' || type.name === 'ID') return INTEGER.test(String(value));
    return type.name === 'Float';
  }
  if (typeof value === 'string') {
    if (isEnumType(type)) return type.getValue(value) !== undefined;
    return type.name !== 'Boolean' && type.name !== 'Int' && type.name !== 'Float';
  }
  return false;
}
