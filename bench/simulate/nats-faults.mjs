// Faults to the event bus itself when the simulation runs its own three-node JetStream cluster
// (--nats-cluster 3): `nats-leader` hits the node that leads the run's stream, `nats-node` one that
// does not. SIGKILL leaves the node down for a few seconds, then starts it again with its store (it
// rejoins and catches up); SIGSTOP freezes it, then SIGCONT. Recovery: from the signal until the
// stream has a leader again and both followers are current.

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export const NATS_TARGETS = ['nats-leader', 'nats-node'];

async function streamInfo(nats, streamName) {
  return nats.jsm.streams.info(streamName).catch(() => null);
}

/** The stream's leader and followers by node index, asked again while an election is under way. */
async function placement(cluster, nats, streamName, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const info = await streamInfo(nats, streamName);
    const leader = cluster.names.indexOf(info?.cluster?.leader ?? '');
    if (leader >= 0) return { leader, followers: [0, 1, 2].filter((i) => i !== leader) };
    await sleep(200);
  }
  throw new Error(`stream ${streamName} has no leader after ${timeoutMs} ms`);
}

/** True once the stream has a leader and every replica is current (none offline or behind). */
async function whole(nats, streamName, replicas, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const info = await streamInfo(nats, streamName);
    const followers = info?.cluster?.replicas ?? [];
    if (info?.cluster?.leader && followers.length === replicas - 1 && followers.every((r) => r.current && !r.offline))
      return true;
    await sleep(200);
  }
  return false;
}

/** One fault on a node of the cluster; resolves with what was done and how long recovery took. */
export async function natsFault({ cluster, nats, streamName, target, signal, random, start }) {
  const { leader, followers } = await placement(cluster, nats, streamName);
  const node = target === 'nats-leader' ? leader : followers[Math.floor(random() * followers.length)];
  const fault = { target: `${target} (${cluster.names[node]})`, signal, atS: (Date.now() - start) / 1000 };
  const t0 = Date.now();
  cluster.signal(node, signal);
  if (signal === 'SIGSTOP') {
    fault.stoppedMs = 3000 + Math.floor(random() * 4000);
    await sleep(fault.stoppedMs);
    cluster.signal(node, 'SIGCONT');
  } else {
    fault.downMs = 2000 + Math.floor(random() * 3000);
    await sleep(fault.downMs);
    await cluster.restart(node);
  }
  fault.recovered = await whole(nats, streamName, cluster.names.length);
  fault.recoveryMs = Date.now() - t0;
  return fault;
}
