import { freePort, processAlive } from '@qurbani/orchestrator/testing';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { answers, DATABASE_SERVICES as SERVICES, npmStart, type NpmStart } from '../support/npm-start.js';

const childrenOf = (pid: number) =>
  spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
    .stdout.split('\n')
    .map(Number)
    .filter((n) => n > 0);
const PORTED = [...SERVICES, 'gateway', 'model', 'detector'];

/**
 * `npm start` on one box keeps serving when a process dies: the start script is run as `npm start`
 * runs it (own ports, databases, stream, Redis prefix and media folder), then each process in turn
 * is killed with SIGKILL while the gateway is asked whether it is alive.
 */
describe('npm start keeps the season running when one process dies', () => {
  let started: NpmStart | undefined;
  let env: Record<string, string>;

  before(async () => {
    const ports: Record<string, string> = { GATEWAY_METRICS_PORT: String(await freePort()) };
    for (const name of PORTED) ports[`${name.toUpperCase()}_PORT`] = String(await freePort());
    started = await npmStart('supervision', ports, 150_000);
    env = started.env;
  });

  after(() => started?.stop());

  it(
    'restarts each process killed with SIGKILL within seconds while the gateway keeps answering',
    { timeout: 300_000 },
    async () => {
      const gateway = `http://127.0.0.1:${env.GATEWAY_PORT}`;
      const health: Record<string, string> = {
        model: `http://127.0.0.1:${env.MODEL_PORT}/health`,
        detector: `http://127.0.0.1:${env.DETECTOR_PORT}/health`,
        gateway: `${gateway}/health/live`,
      };
      for (const name of SERVICES)
        health[name] ??= `http://127.0.0.1:${env[`${name.toUpperCase()}_PORT`]}/health/ready`;
      const { pids, waitFor, log } = started!;
      const names = [...pids.keys()];
      assert.ok(names.includes('video-worker') && names.length === 12, names.join(', '));
      const recovery: Record<string, number> = {};
      for (const name of names) {
        const pid = pids.get(name)!;
        const children = childrenOf(pid);
        const killedAt = Date.now();
        process.kill(pid, 'SIGKILL');
        // Within a few seconds, not one 2 s try: on a loaded machine a single slow answer is not an outage.
        if (name !== 'gateway')
          await waitFor(`the gateway answering while ${name} is down`, () => answers(`${gateway}/health/live`), 8_000);
        await waitFor(`${name} restarted`, () => pids.get(name) !== pid, 20_000);
        if (health[name]) await waitFor(`${name} ready again`, () => answers(health[name]!), 60_000);
        recovery[name] = Date.now() - killedAt;
        assert.deepEqual(children.filter(processAlive), [], `what ${name} had started went with it`);
      }
      await waitFor('every subgraph ready behind the gateway', () => answers(`${gateway}/health/ready`), 30_000);
      assert.ok(!log.some((l) => /stopping everything/.test(l)), 'nothing stopped the others');
      console.log(`# recovery after SIGKILL (ms): ${JSON.stringify(recovery)}`);
    },
  );
});
