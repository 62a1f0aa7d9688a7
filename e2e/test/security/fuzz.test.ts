import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { buildSchema } from 'graphql';
import { documentArbitrary, type FuzzRequest } from '../support/document-arbitrary.js';
import { registerDonor, signInOrganizer } from '../support/season.js';
import { startSystem, type System } from '../support/system.js';

const schema = buildSchema(readFileSync(new URL('../../../../schema/api.graphql', import.meta.url), 'utf8'));
/** Per viewer; FUZZ_RUNS raises it for a longer hunt (`FUZZ_RUNS=5000 node scripts/test.mjs ...`). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 120);

type Answer = { errors?: { message: string; extensions?: { code?: string } }[] };

describe('generated documents and variables against the whole graph', () => {
  let system: System;
  const viewers: Record<string, string | undefined> = { anonymous: undefined };

  before(async () => {
    system = await startSystem();
    viewers.donor = (await registerDonor(system)).token;
    viewers.organizer = (await signInOrganizer(system)).token;
  });
  after(() => system?.close());

  for (const viewer of ['anonymous', 'donor', 'organizer']) {
    it(`never answers ${viewer} with a server error, whatever the document`, async () => {
      await fc.assert(
        fc.asyncProperty(documentArbitrary(schema), async ({ query, variables }: FuzzRequest) => {
          const token = viewers[viewer];
          const response = await fetch(system.gateway.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
            body: JSON.stringify({ query, variables }),
          });
          const text = await response.text();
          assert.ok(
            response.status < 500,
            `${response.status} for ${query} ${JSON.stringify(variables).slice(0, 300)}: ${text.slice(0, 300)}`,
          );
          const body = JSON.parse(text) as Answer;
          const internal = body.errors?.filter((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR') ?? [];
          assert.deepEqual(internal, [], `internal error for ${query} ${JSON.stringify(variables).slice(0, 300)}`);
        }),
        { numRuns: RUNS, seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined, endOnFailure: true },
      );
    });
  }

  it('leaves every service running', async () => {
    const ready = await fetch(system.gateway.url.replace(/\/graphql$/, '/health/ready'));
    assert.equal(ready.status, 200, await ready.text());
  });
});
