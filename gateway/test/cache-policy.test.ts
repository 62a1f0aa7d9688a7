import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { cachePolicy, type CacheHint } from '../src/plan/cache-policy.js';

interface ApolloPolicy {
  restrict(hint: CacheHint): void;
  policyIfCacheable(): { maxAge: number; scope: string } | null;
}

/** Apollo Server's own policy, which its package does not export: read from its file. */
async function apolloPolicy(): Promise<ApolloPolicy> {
  // The package's entry point lies in dist/cjs or dist/esm; the policy sits next to it in dist/esm.
  const entry = createRequire(import.meta.url).resolve('@apollo/server');
  const dist = dirname(dirname(entry));
  const module = (await import(pathToFileURL(join(dist, 'esm', 'cachePolicy.js')).href)) as {
    newCachePolicy: () => ApolloPolicy;
  };
  return module.newCachePolicy();
}

// What subgraphs' Cache-Control headers give, in the orders a plan's fetches can answer in.
const SEQUENCES: CacheHint[][] = [
  [],
  [{ maxAge: 0 }],
  [{ maxAge: 60 }],
  [{ maxAge: 60, scope: 'PRIVATE' }, { maxAge: 30 }],
  [{ maxAge: 30 }, { maxAge: 60, scope: 'PUBLIC' }],
  [
    { maxAge: 60, scope: 'PRIVATE' },
    { maxAge: 120, scope: 'PUBLIC' },
  ],
  [{ maxAge: 60 }, { maxAge: 0 }, { maxAge: 10 }],
  [{ scope: 'PRIVATE' }, { maxAge: 5 }],
];

describe("the plain-query route's cache policy", () => {
  it("narrows like Apollo Server's, so the Cache-Control of an answer is the same", async () => {
    for (const hints of SEQUENCES) {
      const ours = cachePolicy();
      const theirs = await apolloPolicy();
      for (const hint of hints) {
        ours.restrict(hint);
        theirs.restrict(hint);
      }
      assert.deepEqual(ours.policyIfCacheable(), theirs.policyIfCacheable(), JSON.stringify(hints));
    }
  });
});
