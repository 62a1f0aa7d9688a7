import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { connectNats } from '../nats.js';

/** Three nats-server nodes with JetStream clustered on loopback, for fault tests. */
export interface NatsCluster {
  /** `NATS_URL` listing every node, as services take it. */
  readonly url: string;
  /** Each node's client URL, in node order. */
  readonly nodeUrls: readonly string[];
  /** Node names, `n1`..`n3`, as the stream's cluster info reports its leader. */
  readonly names: readonly string[];
  /** Sends a signal to a node's process (SIGKILL, SIGSTOP, SIGCONT); SIGKILL leaves it down until `restart`. */
  signal(node: number, signal: NodeJS.Signals): void;
  /** Starts a killed node again with its store: it rejoins and catches up. */
  restart(node: number): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function reachable(port: number): Promise<boolean> {
  const { connect } = await import('node:net');
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function jetStreamReady(url: string, stop: () => Promise<void>): Promise<void> {
  let last: unknown;
  for (let t = 0; t < 60; t++) {
    try {
      const nats = await connectNats(url, { timeout: 1000 });
      await nats.close();
      return;
    } catch (error) {
      last = error;
      await sleep(250);
    }
  }
  await stop();
  throw new Error(`the NATS cluster elected no JetStream leader: ${String(last)}`);
}

/**
 * Starts a three-node JetStream cluster (`nats-server` 2.9 is enough) in a temporary directory, on
 * free loopback ports, and waits until every node takes clients. Never touches the shared server.
 */
export async function startNatsCluster(binary = process.env.NATS_SERVER_BIN ?? 'nats-server'): Promise<NatsCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'qurbani-nats-cluster-'));
  const names = ['n1', 'n2', 'n3'];
  const clientPorts = await Promise.all(names.map(() => freePort()));
  const routePorts = await Promise.all(names.map(() => freePort()));
  const configs = names.map((name, i) =>
    [
      `server_name: ${name}`,
      `listen: 127.0.0.1:${clientPorts[i]}`,
      `jetstream { store_dir: "${join(dir, name)}" }`,
      'cluster {',
      '  name: qurbani-test',
      `  listen: 127.0.0.1:${routePorts[i]}`,
      `  routes: [${routePorts.map((p) => `nats-route://127.0.0.1:${p}`).join(', ')}]`,
      '}',
    ].join('\n'),
  );
  await Promise.all(configs.map((c, i) => writeFile(join(dir, `${names[i]}.conf`), c)));
  const processes: (ChildProcess | null)[] = names.map(() => null);
  const logs = names.map(() => '');
  const start = (i: number) => {
    const child = spawn(binary, ['-c', join(dir, `${names[i]}.conf`)], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr!.on('data', (chunk: Buffer) => (logs[i] = (logs[i] + chunk.toString()).slice(-4000)));
    child.once('exit', () => {
      if (processes[i] === child) processes[i] = null;
    });
    processes[i] = child;
  };
  const waitUp = async (i: number) => {
    for (let t = 0; t < 200; t++) {
      if (await reachable(clientPorts[i]!)) return;
      if (!processes[i]) break;
      await sleep(50);
    }
    throw new Error(`nats-server ${names[i]} did not start: ${logs[i]!.trim()}`);
  };
  const stop = async () => {
    await Promise.all(
      processes.map(async (p) => {
        if (!p || p.exitCode !== null || p.signalCode !== null) return;
        const gone = new Promise((resolve) => p.once('exit', resolve));
        p.kill('SIGCONT');
        p.kill('SIGKILL');
        await gone;
      }),
    );
    await rm(dir, { recursive: true, force: true });
  };
  try {
    names.forEach((_, i) => start(i));
    await Promise.all(names.map((_, i) => waitUp(i)));
  } catch (error) {
    await stop();
    throw error;
  }
  const nodeUrls = clientPorts.map((p) => `nats://127.0.0.1:${p}`);
  // Clients are taken before the JetStream meta leader is elected; services need JetStream at once.
  await jetStreamReady(nodeUrls.join(','), stop);
  return {
    url: nodeUrls.join(','),
    nodeUrls,
    names,
    signal(node, signal) {
      processes[node]?.kill(signal);
    },
    async restart(node) {
      const old = processes[node];
      if (old && old.exitCode === null && old.signalCode === null) {
        const gone = new Promise((resolve) => old.once('exit', resolve));
        old.kill('SIGKILL');
        await gone;
      }
      start(node);
      await waitUp(node);
    },
    stop,
  };
}
