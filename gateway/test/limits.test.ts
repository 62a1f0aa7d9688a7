import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { buildSchema, Kind, NoUnusedFragmentsRule, parse, specifiedRules, validate, type DocumentNode } from 'graphql';
import { liveValidationRules, parseBounded } from '../src/limits.js';
import { singleAuthField } from '../src/perimeter/single-auth-field.js';

const root = new URL('../../../', import.meta.url).pathname;
const schema = buildSchema(readFileSync(`${root}schema/api.graphql`, 'utf8'));
const operationsDir = `${root}packages/sdk/operations`;

/** Each operation of the SDK's documents, alone with the fragments it may use. */
function sdkOperations(): { name: string; document: DocumentNode; source: string }[] {
  return readdirSync(operationsDir).flatMap((file) => {
    const source = readFileSync(`${operationsDir}/${file}`, 'utf8');
    const document = parse(source);
    const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
    return document.definitions
      .filter((d) => d.kind === Kind.OPERATION_DEFINITION)
      .map((operation) => ({
        name: `${file}: ${operation.name?.value}`,
        document: { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] } as DocumentNode,
        source,
      }));
  });
}

describe("the gateway's limits and the apps' operations", () => {
  it('let every operation of the SDK through, on HTTP and on the live connection', () => {
    const operations = sdkOperations();
    assert.ok(operations.length > 20);
    for (const { name, document, source } of operations) {
      assert.doesNotThrow(() => parseBounded(source), name);
      // Each file's fragments go with each of its operations; some use none of them.
      const rules = specifiedRules.filter((rule) => rule !== NoUnusedFragmentsRule);
      const errors = validate(schema, document, [...rules, ...liveValidationRules(true), singleAuthField]);
      assert.deepEqual(
        errors.map((e) => e.message),
        [],
        name,
      );
    }
  });

  it('refuse an operation ten levels of orders deep, with every limit it breaks', () => {
    let selection = 'id';
    for (let i = 0; i < 10; i++) selection = `sacrifices(first: 1) { edges { node { orders { ${selection} } } } }`;
    const errors = validate(
      schema,
      parse(`{ myOrders { edges { node { ${selection} } } } }`),
      liveValidationRules(true),
    ).map((e) => e.message);
    assert.equal(errors.length, 2);
    assert.match(errors.join('\n'), /depth limit of 14/);
    assert.match(errors.join('\n'), /Cost limit of 50000/);
  });
});
