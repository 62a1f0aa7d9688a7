import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';

const root = new URL('../../../../', import.meta.url).pathname;

describe('the committed SDK', () => {
  it('is what `npm run codegen` makes from schema/api.graphql and the operations (run it and commit)', async () => {
    const { config } = await loadCodegenConfig({ configFilePath: join(root, 'codegen.ts') });
    const outputs = await generate({ ...config, cwd: root, silent: true }, false);
    assert.ok(outputs.length > 0);
    for (const output of outputs) {
      const committed = readFileSync(join(root, output.filename), 'utf8');
      assert.ok(committed === output.content, `${output.filename} is stale: run \`npm run codegen\` and commit it`);
    }
  });
});
