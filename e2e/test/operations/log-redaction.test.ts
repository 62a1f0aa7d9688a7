import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';

describe('logs', () => {
  it('no line a run writes carries a token, a password, a phone, an e-mail or a name offered for', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'qurbani-logs-'));
    try {
      const secretsFile = path.join(dir, 'secrets.json');
      const run = spawnSync(
        process.execPath,
        ['--enable-source-maps', new URL('../support/logged-flow.js', import.meta.url).pathname],
        // The most verbose level: what an operator debugging the season would turn on.
        {
          encoding: 'utf8',
          env: { ...process.env, LOG_LEVEL: 'debug', FLOW_SECRETS_FILE: secretsFile },
          timeout: 120_000,
        },
      );
      assert.equal(run.status, 0, run.stderr.slice(-2000));
      const secrets = JSON.parse(readFileSync(secretsFile, 'utf8')) as Record<string, string | string[]>;
      const output = `${run.stdout}\n${run.stderr}`;
      const jsonLines = output.split('\n').filter((line) => line.startsWith('{'));
      assert.ok(jsonLines.length > 0, 'the services logged JSON lines');
      assert.ok(
        jsonLines.every((line) => JSON.parse(line).service || JSON.parse(line).level),
        'structured',
      );
      for (const [what, value] of Object.entries(secrets))
        for (const one of [value].flat()) {
          assert.ok(!output.includes(one), `the log carries the ${what}`);
          if (what === 'names') assert.ok(!output.includes(one.split(' ')[1]!), 'not even a family name');
        }
      assert.ok(!output.includes('+447700900123'.slice(3)), 'no phone digits');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
