import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { composeSupergraph } from '../src/composition.js';

const committed = (name: string) => readFileSync(new URL(`../../${name}`, import.meta.url), 'utf8');

test('the committed supergraph and API schema match what the subgraphs compose to', async () => {
  const composed = await composeSupergraph();
  assert.equal(
    committed('supergraph.graphql'),
    composed.supergraph,
    'schema/supergraph.graphql is stale: run npm run compose',
  );
  assert.equal(committed('api.graphql'), composed.api, 'schema/api.graphql is stale: run npm run compose');
});
