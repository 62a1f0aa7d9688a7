import { freePort } from '@qurbani/orchestrator/testing';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { answers, DATABASE_SERVICES, demoOrganizer, npmStart, type NpmStart } from '../support/npm-start.js';

const SUBGRAPHS = ['identity', 'donor', 'sacrifice', 'video', 'delivery', 'skin'];
const PORTED = [...DATABASE_SERVICES, 'gateway', 'model', 'detector'];
// A query that needs the sacrifice, video and identity subgraphs.
const QUERY = '{ seasons { __typename } reviewQueue { __typename } accounts { __typename } }';

/**
 * `GRAPH_PROCESSES=one npm start`: the six subgraphs run in one process, `graph`, on their own
 * ports, and the supervisor restarts it as a whole when it dies.
 */
describe('npm start with GRAPH_PROCESSES=one', () => {
  let started: NpmStart | undefined;

  before(async () => {
    const vars: Record<string, string> = { GRAPH_PROCESSES: 'one', GATEWAY_METRICS_PORT: String(await freePort()) };
    for (const name of PORTED) vars[`${name.toUpperCase()}_PORT`] = String(await freePort());
    started = await npmStart('onegraph', vars, 150_000);
  });

  after(() => started?.stop());

  it(
    'serves every subgraph from one process, and brings all six back when it is killed',
    { timeout: 180_000 },
    async () => {
      const { env, pids, waitFor, log } = started!;
      assert.deepEqual([...pids.keys()].sort(), [
        'detector',
        'gateway',
        'graph',
        'model',
        'notifier',
        'orchestrator',
        'video-worker',
      ]);
      const ready = (name: string) => answers(`http://127.0.0.1:${env[`${name.toUpperCase()}_PORT`]}/health/ready`);
      for (const name of SUBGRAPHS) assert.ok(await ready(name), `${name} is ready on its own port`);
      const gateway = `http://127.0.0.1:${env.GATEWAY_PORT}`;
      const ask = await demoOrganizer(`${gateway}/graphql`, log);
      await ask(QUERY);

      const pid = pids.get('graph')!;
      process.kill(pid, 'SIGKILL');
      await waitFor('the gateway answering while the graph is down', () => answers(`${gateway}/health/live`), 8_000);
      await waitFor('the graph restarted', () => pids.get('graph') !== pid, 20_000);
      for (const name of SUBGRAPHS) await waitFor(`${name} ready again`, () => ready(name), 60_000);
      await waitFor('the gateway ready again', () => answers(`${gateway}/health/ready`), 30_000);
      await ask(QUERY);
      assert.ok(!log.some((l) => /stopping everything/.test(l)), 'nothing stopped the others');
    },
  );
});
