import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';

const root = new URL('../../../../', import.meta.url).pathname;

interface Kind {
  kind: string;
  expected: number;
  lost: number;
  duplicated: number;
  examples: string[];
}
interface Result {
  journeys: number;
  finished: number;
  failures: { n: number; error: string }[];
  lost: number;
  duplicated: number;
  kinds: Kind[];
  faults: { target: string; signal: string; recovered: boolean; recoveryMs: number }[];
}

/**
 * A short season day (`npm run simulate`, bench/simulate.mjs) on the processes `npm start` runs and on
 * the run's own three-node NATS cluster (stream R3), while the stream's leader is killed (SIGKILL), a
 * video worker frozen (SIGSTOP), the orchestrator killed, another NATS node frozen and the sacrifice
 * subgraph killed: every effect of every sacrifice is counted by id afterwards.
 */
describe('a season day with processes killed and frozen loses nothing and does nothing twice', () => {
  let dir: string;
  after(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

  it('finishes every sacrifice, each effect once, every process back', { timeout: 300_000 }, async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'qurbani-sim-test-'));
    const json = path.join(dir, 'result.json');
    const child = spawn(
      process.execPath,
      [
        'bench/simulate.mjs',
        ...['--rate', '1200', '--minutes', '0.6', '--faults', '5', '--nats-cluster', '3'],
        ...['--fault-targets', 'nats-leader,video-worker,orchestrator,nats-node,sacrifice', '--seed', '3'],
        ...['--drain-minutes', '2', '--sample-seconds', '2', '--json', json],
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    const result = JSON.parse(await readFile(json, 'utf8').catch(() => 'null')) as Result | null;
    assert.ok(result, `no result (exit ${code}):\n${output.slice(-3000)}`);
    const wrong = result.kinds.filter((k) => k.lost || k.duplicated);
    assert.deepEqual(wrong, [], output.slice(-3000));
    assert.deepEqual(result.failures, []);
    assert.equal(result.finished, result.journeys);
    assert.equal(result.journeys, 12);
    assert.deepEqual(
      result.faults.map((f) => [f.signal, f.target.replace(/ \(n\d\)$/, ''), f.recovered]),
      [
        ['SIGKILL', 'nats-leader', true],
        ['SIGSTOP', 'video-worker', true],
        ['SIGKILL', 'orchestrator', true],
        ['SIGSTOP', 'nats-node', true],
        ['SIGKILL', 'sacrifice', true],
      ],
    );
    // Each kind was checked on real ids, not on an empty list.
    assert.ok(
      result.kinds.every((k) => k.expected > 0),
      JSON.stringify(result.kinds),
    );
    assert.equal(code, 0, output.slice(-3000));
    console.log(`# recovery (ms): ${result.faults.map((f) => `${f.signal} ${f.target} ${f.recoveryMs}`).join(', ')}`);
  });
});
