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
import { compileFastShape, NOT_PLAIN } from './shape-fast-path.js';

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

/** A field's type, unwrapped once: the shaper reads `kind` instead of calling graphql-js predicates per value. */
export type TypeShape =
  | { readonly kind: 'nonNull'; readonly of: TypeShape; readonly label: string }
  | { readonly kind: 'list'; readonly of: TypeShape; readonly label: string }
  | { readonly kind: 'composite'; readonly type: GraphQLCompositeType; readonly label: string }
  | LeafShape;

export interface LeafShape {
  readonly kind: 'leaf';
  readonly valid: (value: unknown) => boolean;
  /** What `valid` amounts to, for the fast path: a type test, nothing, or `valid` itself. */
  readonly accepts: 'string' | 'boolean' | 'anything' | 'validated';
  readonly label: string;
}

export interface FieldStep {
  readonly kind: 'field';
  readonly skip: Skip;
  readonly responseName: string;
  readonly isTypename: boolean;
  readonly type: TypeShape | null;
  readonly steps: Step[] | null;
  /** For a leaf field (`String`, `ID!`...): what its common case, a valid value, needs to be checked. */
  readonly leaf: { readonly nonNull: boolean; readonly valid: (value: unknown) => boolean } | null;
}

interface FragmentStep {
  readonly kind: 'fragment';
  readonly skip: Skip;
  readonly typeCondition: GraphQLCompositeType | null;
  readonly steps: Step[];
  /** Whether the condition holds, by the object's `__typename` (or its parent type's name). */
  readonly applies: Map<string, boolean>;
}

export type Step = FieldStep | FragmentStep;

const INVALID = 1;
const HAS_ERRORS = 2;

interface Shaping {
  readonly schema: GraphQLSchema;
  readonly variables: Variables;
  readonly errors: GraphQLError[];
  /** What the last `updateOutputValue` call found (INVALID, HAS_ERRORS): read right after it. */
  flags: number;
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
  { fastPath = true } = {},
): ShapeResponse {
  const { root, steps } = compileSteps(schema, operation, fragments);
  const fast = fastPath ? compileFastShape(steps, root) : null;
  return (input, variables) => {
    const plain = fast?.(input);
    if (plain !== undefined && plain !== NOT_PLAIN) return { data: plain, errors: [] };
    const shaping: Shaping = { schema, variables, errors: [], flags: 0 };
    const data: Record<string, unknown> = {};
    const bubbled = applySelectionSet(input, steps, data, shaping, [], root);
    return { data: bubbled ? null : data, errors: shaping.errors };
  };
}

/** The operation's root type and its compiled selection. */
export function compileSteps(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
) {
  const root = schema.getRootType(operation.operation);
  if (!root) throw new Unsupported(`no ${operation.operation} type`);
  return { root, steps: compileSelectionSet(schema, operation.selectionSet, root, fragments) };
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
      // Answers are plain objects (JSON.stringify is twice as fast on them as on null-prototype ones):
      // a name Object.prototype already has (`__proto__`, `constructor`...) would read or set the prototype.
      if (responseName in Object.prototype) throw new Unsupported(`response name ${responseName}`);
      if (fieldName === '__typename')
        return { kind: 'field', skip, responseName, isTypename: true, type: null, steps: null, leaf: null };
      if (fieldName.startsWith('__')) throw new Unsupported('introspection next to other fields');
      if (!isObjectType(parentType) && !isInterfaceType(parentType))
        throw new Unsupported(`field ${fieldName} on union ${parentType.name}`);
      const definition = parentType.getFields()[fieldName];
      if (!definition) throw new Unsupported(`${parentType.name}.${fieldName} is unknown`);
      const named = getNamedType(definition.type);
      const steps =
        selection.selectionSet && isCompositeType(named)
          ? compileSelectionSet(schema, selection.selectionSet, named, fragments)
          : null;
      const type = typeShape(definition.type);
      return { kind: 'field', skip, responseName, isTypename: false, type, steps, leaf: leafOf(type) };
    }
    const definition = selection.kind === Kind.FRAGMENT_SPREAD ? fragments[selection.name.value] : selection;
    if (!definition) throw new Unsupported('unknown fragment');
    const condition = definition.typeCondition ? schema.getType(definition.typeCondition.name.value) : null;
    if (condition !== null && !isCompositeType(condition)) throw new Unsupported('fragment on a non-composite type');
    return {
      kind: 'fragment',
      skip,
      typeCondition: condition ?? null,
      steps: compileSelectionSet(schema, definition.selectionSet, condition ?? parentType, fragments),
      applies: new Map(),
    };
  });
}

function leafOf(type: TypeShape): FieldStep['leaf'] {
  const inner = type.kind === 'nonNull' ? type.of : type;
  return inner.kind === 'leaf' ? { nonNull: type.kind === 'nonNull', valid: inner.valid } : null;
}

function typeShape(type: GraphQLOutputType): TypeShape {
  const label = String(type);
  if (isNonNullType(type)) return { kind: 'nonNull', of: typeShape(type.ofType), label };
  if (isListType(type)) return { kind: 'list', of: typeShape(type.ofType as GraphQLOutputType), label };
  if (isCompositeType(type)) return { kind: 'composite', type, label };
  return { kind: 'leaf', valid: leafValidator(type), accepts: leafAccepts(type), label };
}

function leafAccepts(type: GraphQLLeafType): LeafShape['accepts'] {
  if (!isSpecifiedScalarType(type) && !isEnumType(type)) return 'anything';
  if (type.name === 'String' || type.name === 'Boolean') return type.name === 'String' ? 'string' : 'boolean';
  return 'validated';
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
      // Most values are valid leaves met once: kept as they are, without the general walk below,
      // which gives the same value (and is taken for everything else: nulls in non-null fields, errors).
      if (
        step.leaf &&
        outputValue === undefined &&
        (inputValue === null ? !step.leaf.nonNull : step.leaf.valid(inputValue))
      ) {
        output[step.responseName] = inputValue;
        continue;
      }
      path.push(step.responseName);
      output[step.responseName] = updateOutputValue(
        outputValue,
        step.type!,
        inputValue,
        step.steps,
        path,
        shaping,
        parentType,
      );
      path.pop();
      if (shaping.flags & INVALID) return true;
      continue;
    }
    const typename = input.__typename;
    if (typename !== undefined && typeof typename !== 'string')
      throw new Error(`Got unexpected value for __typename: ${String(typename)}`);
    if (typeConditionApplies(shaping.schema, step, typename, parentType)) {
      if (applySelectionSet(input, step.steps, output, shaping, path, step.typeCondition ?? parentType)) return true;
    }
  }
  return false;
}

function typeConditionApplies(
  schema: GraphQLSchema,
  step: FragmentStep,
  typename: string | undefined,
  parentType: GraphQLCompositeType,
): boolean {
  const condition = step.typeCondition;
  if (!condition) return true;
  const name = typename || parentType.name;
  let applies = step.applies.get(name);
  if (applies === undefined) {
    const type = schema.getType(name);
    applies =
      !!type &&
      (type === condition ||
        (isAbstractType(condition) &&
          (isObjectType(type) || isInterfaceType(type)) &&
          schema.isSubType(condition, type)));
    step.applies.set(name, applies);
  }
  return applies;
}

function describe(path: Path, label: string, parentType: GraphQLCompositeType): string {
  const element = path[path.length - 1];
  return typeof element === 'string'
    ? `field ${parentType.name}.${element}`
    : `array element of type ${label} at index ${element}`;
}

function invalid(shaping: Shaping, message: string, path: Path): null {
  shaping.errors.push(ERRORS.INVALID_GRAPHQL.err(message, { path: [...path] }));
  shaping.flags = HAS_ERRORS;
  return null;
}

/** The merged value of one field (or list element); sets `shaping.flags` for the caller. */
function updateOutputValue(
  outputValue: unknown,
  type: TypeShape,
  inputValue: unknown,
  steps: Step[] | null,
  path: Path,
  shaping: Shaping,
  parentType: GraphQLCompositeType,
): unknown {
  shaping.flags = 0;
  if (outputValue === null || (outputValue !== undefined && !steps)) return outputValue;
  switch (type.kind) {
    case 'nonNull': {
      const updated = updateOutputValue(outputValue, type.of, inputValue, steps, path, shaping, parentType);
      if (updated !== null) {
        shaping.flags = 0;
        return updated;
      }
      if (!(shaping.flags & HAS_ERRORS))
        invalid(shaping, `Cannot return null for non-nullable ${describe(path, type.of.label, parentType)}.`, path);
      shaping.flags = INVALID | HAS_ERRORS;
      return null;
    }
    case 'list': {
      if (inputValue === null) return null;
      if (!Array.isArray(inputValue))
        throw new Error(
          `Invalid non-list value ${String(inputValue)} returned by subgraph for list type ${type.label}`,
        );
      const outputs = outputValue === undefined ? new Array<unknown>(inputValue.length).fill(undefined) : outputValue;
      if (!Array.isArray(outputs) || outputs.length !== inputValue.length)
        throw new Error(`Invalid list value returned by subgraph for list type ${type.label}`);
      let nullify = false;
      let hasErrors = false;
      const updated = new Array<unknown>(outputs.length);
      for (let index = 0; index < outputs.length; index++) {
        path.push(index);
        updated[index] = updateOutputValue(
          outputs[index],
          type.of,
          inputValue[index],
          steps,
          path,
          shaping,
          parentType,
        );
        path.pop();
        nullify ||= (shaping.flags & INVALID) !== 0;
        hasErrors ||= (shaping.flags & HAS_ERRORS) !== 0;
      }
      shaping.flags = hasErrors ? HAS_ERRORS : 0;
      return nullify ? null : updated;
    }
    case 'composite': {
      if (inputValue === null) return null;
      if (!steps) throw new Error(`Invalid empty selection set for composite type ${type.label}`);
      if (typeof inputValue !== 'object')
        throw new Error(
          `Invalid non-object value ${String(inputValue)} returned by subgraph for composite type ${type.label}`,
        );
      const object = inputValue as Record<string, unknown>;
      const typename = object.__typename;
      if (typename !== undefined && typeof typename !== 'string')
        throw new Error(`Invalid non-string value ${String(typename)} for __typename at ${path.join('.')}`);
      let objectType: GraphQLCompositeType = type.type;
      if (typename && typename !== objectType.name) {
        const named = shaping.schema.getType(typename);
        if (!named || !isCompositeType(named))
          return invalid(
            shaping,
            `Invalid __typename found for object at ${describe(path, type.label, parentType)}.`,
            path,
          );
        objectType = named;
      }
      const output = (outputValue ?? {}) as Record<string, unknown>;
      const bubbled = applySelectionSet(object, steps, output, shaping, path, objectType);
      shaping.flags = bubbled ? HAS_ERRORS : 0;
      return bubbled ? null : output;
    }
    case 'leaf':
      if (inputValue === null) return null;
      if (type.valid(inputValue)) return inputValue;
      return invalid(shaping, `Invalid value found for ${describe(path, type.label, parentType)}.`, path);
  }
}

const INTEGER = /^-?(?:0|[1-9][0-9]*)$/;

/** As @apollo/federation-internals' `isValidLeafValue`, decided once per type: custom scalars pass as they are. */
function leafValidator(type: GraphQLLeafType): (value: unknown) => boolean {
  if (!isSpecifiedScalarType(type) && !isEnumType(type)) return () => true;
  const { name } = type;
  const enumType = isEnumType(type) ? type : null;
  return (value) => {
    if (typeof value === 'boolean') return name === 'Boolean';
    if (typeof value === 'number' && Number.isFinite(value)) {
      if (name === 'Int' || name === 'ID') return INTEGER.test(String(value));
      return name === 'Float';
    }
    if (typeof value === 'string') {
      if (enumType) return enumType.getValue(value) !== undefined;
      return name !== 'Boolean' && name !== 'Int' && name !== 'Float';
    }
    return false;
  };
}
