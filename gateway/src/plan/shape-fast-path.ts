import { isObjectType, type GraphQLObjectType } from 'graphql';
import type { FieldStep, LeafShape, Step, TypeShape } from './shape-response.js';

/** What the fast path answers when the data is not the common case: the general shaper then answers. */
export const NOT_PLAIN: unique symbol = Symbol('not the plain case');

export type FastShape = (input: Record<string, unknown>) => Record<string, unknown> | typeof NOT_PLAIN;

/** A selection the fast path leaves to the general shaper. */
class NotCompiled extends Error {}

/**
 * The client's answer for the common case, as straight-line JavaScript made once per operation: each
 * object of the answer is one object literal of its fields in the operation's order, each field read
 * by its name. It takes only what needs no decision per request (no @skip/@include, no field asked
 * twice, no interface or union, fragments only on the type they are in), and answers `NOT_PLAIN`
 * for any value that is not the common case: a null in a non-null field, a value its type refuses,
 * a `__typename` other than the field's type, a list or object where the type says otherwise. The
 * general shaper (`shape-response.ts`) answers those, with its errors. The interpreter walked the
 * steps with a keyed read per field, and was a twelfth of the gateway's CPU on the tracking screen.
 * Null when the operation has a selection the fast path does not take.
 */
export function compileFastShape(steps: Step[], root: GraphQLObjectType): FastShape | null {
  const emitter = new Emitter();
  try {
    const rootFunction = emitter.objectFunction(steps, root);
    const source = `${emitter.functions.join('\n')}\nreturn ${rootFunction};`;
    // Names in the source are the schema's and the operation's GraphQL names, each written as a JSON
    // string literal; validators are passed in, never written into the source.
    return new Function('NOT_PLAIN', 'valid', source)(NOT_PLAIN, emitter.validators) as FastShape;
  } catch (error) {
    if (error instanceof NotCompiled) return null;
    throw error;
  }
}

class Emitter {
  readonly functions: string[] = [];
  readonly validators: ((value: unknown) => boolean)[] = [];
  private names = 0;

  private next(prefix: string): string {
    return `${prefix}${this.names++}`;
  }

  /** A function from one input object of `type` to its answer object; returns its name. */
  objectFunction(steps: Step[], type: GraphQLObjectType): string {
    const fields = flatten(steps, type);
    const name = this.next('shape');
    const lines = [
      `function ${name}(input) {`,
      // Reads below are by name: the answer's names never include one of Object.prototype's.
      `  const typename = input.__typename;`,
      `  if (typename !== undefined && typename !== ${JSON.stringify(type.name)}) return NOT_PLAIN;`,
    ];
    const values: string[] = [];
    for (const field of fields) {
      const key = JSON.stringify(field.responseName);
      const value = this.next('v');
      values.push(`${key}: ${value}`);
      if (field.isTypename) {
        lines.push(
          `  let ${value} = input[${key}] ?? null;`,
          field.responseName === '__typename' ? '' : `  if (${value} === null) ${value} = typename ?? null;`,
          `  if (typeof ${value} === 'string' && ${value} !== ${JSON.stringify(type.name)}) return NOT_PLAIN;`,
          `  ${value} = ${JSON.stringify(type.name)};`,
        );
        continue;
      }
      lines.push(`  let ${value} = input[${key}] ?? null;`, ...this.value(value, field.type!, field.steps, '  '));
    }
    lines.push(`  return { ${values.join(', ')} };`, '}');
    this.functions.push(lines.filter(Boolean).join('\n'));
    return name;
  }

  /** Statements that check `value` (already read, `undefined` made null) and replace it with its answer. */
  private value(value: string, type: TypeShape, steps: Step[] | null, indent: string): string[] {
    const nonNull = type.kind === 'nonNull';
    const inner = type.kind === 'nonNull' ? type.of : type;
    const ifNull = nonNull ? `return NOT_PLAIN;` : '';
    switch (inner.kind) {
      case 'nonNull':
        throw new NotCompiled('non-null of non-null');
      case 'leaf': {
        const check = this.leafCheck(value, inner);
        return [
          `${indent}if (${value} === null) { ${ifNull} }`,
          ...(check ? [`${indent}else if (!(${check})) return NOT_PLAIN;`] : []),
        ];
      }
      case 'composite': {
        if (!steps || !isObjectType(inner.type)) throw new NotCompiled(`${inner.label} is abstract`);
        const shape = this.objectFunction(steps, inner.type);
        return [
          `${indent}if (${value} === null) { ${ifNull} }`,
          `${indent}else if (typeof ${value} !== 'object' || Array.isArray(${value})) return NOT_PLAIN;`,
          `${indent}else if ((${value} = ${shape}(${value})) === NOT_PLAIN) return NOT_PLAIN;`,
        ];
      }
      case 'list': {
        const list = this.next('list');
        const index = this.next('i');
        const element = this.next('e');
        return [
          `${indent}if (${value} === null) { ${ifNull} }`,
          `${indent}else if (!Array.isArray(${value})) return NOT_PLAIN;`,
          `${indent}else {`,
          `${indent}  const ${list} = new Array(${value}.length);`,
          `${indent}  for (let ${index} = 0; ${index} < ${list}.length; ${index}++) {`,
          `${indent}    let ${element} = ${value}[${index}];`,
          `${indent}    if (${element} === undefined) return NOT_PLAIN;`,
          ...this.value(element, inner.of, steps, `${indent}    `),
          `${indent}    ${list}[${index}] = ${element};`,
          `${indent}  }`,
          `${indent}  ${value} = ${list};`,
          `${indent}}`,
        ];
      }
    }
  }

  /** The test a valid leaf passes, as an expression; '' when every value passes (a custom scalar). */
  private leafCheck(value: string, leaf: LeafShape): string {
    switch (leaf.accepts) {
      case 'string':
        return `typeof ${value} === 'string'`;
      case 'boolean':
        return `typeof ${value} === 'boolean'`;
      case 'anything':
        return '';
      case 'validated':
        this.validators.push(leaf.valid);
        return `valid[${this.validators.length - 1}](${value})`;
    }
  }
}

/** The fields of `steps` on `type` in order, fragments on `type` itself opened in place. */
function flatten(
  steps: Step[],
  type: GraphQLObjectType,
  into: FieldStep[] = [],
  seen = new Set<string>(),
): FieldStep[] {
  for (const step of steps) {
    if (step.skip) throw new NotCompiled('@skip or @include');
    if (step.kind === 'fragment') {
      if (step.typeCondition && step.typeCondition !== type) throw new NotCompiled('a fragment on another type');
      flatten(step.steps, type, into, seen);
      continue;
    }
    // The general shaper merges a field asked twice; the fast path writes each name once.
    if (seen.has(step.responseName)) throw new NotCompiled(`${step.responseName} asked twice`);
    seen.add(step.responseName);
    into.push(step);
  }
  return into;
}
