import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

export interface FuzzRequest {
  query: string;
  variables: Record<string, unknown>;
}

const junk = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    'null',
    "' or 1=1 --",
    '../../etc/passwd',
    '%00',
    '\u0000',
    '0190a0b2-0000-7000-8000-000000000000',
    'x'.repeat(5000),
  ),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
);

/** A value for an input type: mostly well-typed (to get past validation), sometimes anything at all. */
function valueOf(type: GraphQLInputType, depth: number): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return valueOf(type.ofType, depth);
  if (isListType(type)) return fc.array(valueOf(type.ofType, depth), { maxLength: depth > 1 ? 1 : 3 });
  if (isEnumType(type))
    return fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...type.getValues().map((v) => v.name)) },
      { weight: 1, arbitrary: junk },
    );
  if (isInputObjectType(type)) {
    if (depth > 2) return fc.constant({});
    const fields = type.getFields();
    return fc.record(
      Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, valueOf(field.type, depth + 1)])),
      { requiredKeys: [] },
    );
  }
  const typed: Record<string, fc.Arbitrary<unknown>> = {
    ID: fc.oneof(fc.uuid(), fc.constantFrom('0190a0b2-0000-7000-8000-000000000000', 'not-an-id')),
    String: fc.string({ maxLength: 40 }),
    Int: fc.oneof(fc.integer({ min: -5, max: 200 }), fc.integer()),
    Float: fc.oneof(fc.double({ noNaN: true }), fc.double()),
    Boolean: fc.boolean(),
    DateTimeISO: fc
      .date({ min: new Date('1990-01-01'), max: new Date('2100-01-01') })
      .map((d) => (Number.isNaN(d.getTime()) ? 'not a date' : d.toISOString())),
  };
  const named = isScalarType(type) ? typed[type.name] : undefined;
  return named ? fc.oneof({ weight: 5, arbitrary: named }, { weight: 1, arbitrary: junk }) : junk;
}

/** A selection of a few fields of `type`, objects included up to `depth`. */
function selectionOf(type: GraphQLObjectType, depth: number): fc.Arbitrary<string> {
  const fields = Object.values(type.getFields()).filter((f) => depth < 3 || isLeafType(getNamedType(f.type)));
  if (!fields.length) return fc.constant('__typename');
  return fc
    .subarray(fields, { minLength: 1, maxLength: Math.min(3, fields.length) })
    .chain((chosen) => fc.tuple(...chosen.map((field) => fieldOf(field, depth + 1))).map((parts) => parts.join(' ')));
}

function fieldOf(field: GraphQLField<unknown, unknown>, depth: number): fc.Arbitrary<string> {
  const named = getNamedType(field.type);
  // Nested fields with required arguments are left out: the root field carries the fuzzed arguments.
  if (field.args.some((a) => isNonNullType(a.type))) return fc.constant('__typename');
  if (!isObjectType(named)) return fc.constant(field.name);
  return selectionOf(named, depth).map((inner) => `${field.name} { ${inner} }`);
}

/** Any root query or mutation of `schema` with fuzzed arguments (as variables) and a random selection. */
export function documentArbitrary(schema: GraphQLSchema): fc.Arbitrary<FuzzRequest> {
  const roots = [schema.getQueryType(), schema.getMutationType()].filter((t): t is GraphQLObjectType => !!t);
  const choices = roots.flatMap((root) => Object.values(root.getFields()).map((field) => ({ root, field })));
  return fc.constantFrom(...choices).chain(({ root, field }) => {
    const named = getNamedType(field.type);
    const selection = isObjectType(named) ? selectionOf(named, 1).map((s) => ` { ${s} }`) : fc.constant('');
    const args = fc.record(Object.fromEntries(field.args.map((a) => [a.name, valueOf(a.type, 0)])), {
      requiredKeys: [],
    });
    return fc.tuple(selection, args).map(([sel, variables]) => {
      const defs = field.args.filter((a) => a.name in variables).map((a) => `$${a.name}: ${a.type.toString()}`);
      const passed = field.args.filter((a) => a.name in variables).map((a) => `${a.name}: $${a.name}`);
      const operation = root === schema.getMutationType() ? 'mutation' : 'query';
      return {
        query: `${operation} Fuzz${defs.length ? `(${defs.join(', ')})` : ''} { ${field.name}${passed.length ? `(${passed.join(', ')})` : ''}${sel} }`,
        variables,
      };
    });
  });
}
