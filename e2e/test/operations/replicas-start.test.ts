import { freePort } from '@qurbani/orchestrator/testing';
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { demoOrganizer, npmStart, type NpmStart } from '../support/npm-start.js';

const SUBGRAPHS = ['identity', 'donor', 'sacrifice', 'video', 'delivery', 'skin'];
const SERVICES = [...SUBGRAPHS, 'orchestrator', 'notifier'];
const PORTED = [...SERVICES, 'gateway', 'model', 'detector'];
const isFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/**
 * How far `npm start` puts a service's second copy from its port: subgraphs at +10, the model
 * service, orchestrator, notifier and gateway (and the gateway's metrics port) at +1.
 */
const COPY_OFFSET: Record<string, number> = {
  ...Object.fromEntries(SUBGRAPHS.map((name) => [name, 10])),
  model: 1,
  orchestrator: 1,
  notifier: 1,
  gateway: 1,
  gatewayMetrics: 1,
  detector: 0,
};

/**
 * A free port for `name` whose second copy's port is free too, and neither of which another
 * service of this run was given: bare free ports once put one service's copy on another's port
 * (EADDRINUSE for notifier-2, then gateway-2, in CI on 2026-12-05).
 */
async function portsFor(name: string, taken: Set<number>): Promise<number> {
  const offset = COPY_OFFSET[name] ?? 0;
  for (;;) {
    const port = await freePort();
    const ports = offset ? [port, port + offset] : [port];
    if (ports.some((p) => taken.has(p)) || (offset && !(await isFree(port + offset)))) continue;
    for (const p of ports) taken.add(p);
    return port;
  }
}

// One query that needs the sacrifice, video and identity subgraphs.
const QUERY = '{ seasons { __typename } reviewQueue { __typename } accounts { __typename } }';

/**
 * `REPLICAS=2 npm start`: two of each subgraph, of the video worker, of the gateway, of the model
 * service, the orchestrator and the notifier. One copy of
 * a subgraph killed with SIGKILL, the other keeps every query answered while the supervisor restarts it.
 */
describe('npm start with REPLICAS=2', () => {
  let started: NpmStart | undefined;
  let env: Record<string, string>;

  before(async () => {
    const taken = new Set<number>();
    const vars: Record<string, string> = { REPLICAS: '2' };
    for (const name of PORTED) vars[`${name.toUpperCase()}_PORT`] = String(await portsFor(name, taken));
    vars.GATEWAY_METRICS_PORT = String(await portsFor('gatewayMetrics', taken));
    started = await npmStart('replicas', vars, 240_000);
    env = started.env;
  });

  after(() => started?.stop());

  it(
    'serves through both gateways, and keeps answering while one copy of a subgraph is killed',
    { timeout: 120_000 },
    async () => {
      const { pids, waitFor, log } = started!;
      const copies = [...SUBGRAPHS, 'video-worker', 'gateway', 'model', 'orchestrator', 'notifier'].map(
        (name) => `${name}-2`,
      );
      for (const name of copies) assert.ok(pids.has(name), `${name} runs; started: ${[...pids.keys()].join(', ')}`);
      // The second model service, orchestrator and notifier listen one port up and answer.
      for (const [name, path] of [
        ['model', '/health'],
        ['orchestrator', '/health/ready'],
        ['notifier', '/health/ready'],
      ] as const) {
        const res = await fetch(`http://127.0.0.1:${Number(env[`${name.toUpperCase()}_PORT`]) + 1}${path}`);
        assert.equal(res.status, 200, `${name}-2 at its port + 1`);
      }
      const gateways = [0, 1].map((i) => `http://127.0.0.1:${Number(env.GATEWAY_PORT) + i}/graphql`);
      const ask = await demoOrganizer(gateways[0]!, log);
      for (const url of gateways) await ask(QUERY, url);

      // Each subgraph's first copy dies: every query still finds the other, at once and until it is back.
      for (const name of ['sacrifice', 'video', 'identity']) {
        const pid = pids.get(name)!;
        process.kill(pid, 'SIGKILL');
        for (let i = 0; i < 6; i++) await ask(QUERY, gateways[i % 2]!);
        await waitFor(`${name} restarted`, () => pids.get(name) !== pid, 20_000);
        await waitFor(
          `${name} ready again`,
          () =>
            fetch(`http://127.0.0.1:${env[`${name.toUpperCase()}_PORT`]}/health/ready`).then(
              (r) => r.ok,
              () => false,
            ),
          60_000,
        );
      }
      assert.ok(!log.some((l) => /stopping everything/.test(l)), 'nothing stopped the others');
    },
  );
});
