// Faults at random moments of the day: SIGKILL (a crash; the Supervisor starts the process again)
// or SIGSTOP then SIGCONT a few seconds later (a frozen process: a long GC pause, a stalled VM), to
// the whole process group, so a video worker's ffmpeg dies or freezes with it. Recovery time: from
// the signal until the process (its new copy after a kill) answers its health check again. With the
// simulation's own NATS cluster, `nats-leader` and `nats-node` hit the event bus (nats-faults.mjs).
// A video worker is hit while it transcodes and the model service while it analyses, when they do
// within a few seconds of the chosen moment (`busy`); the fault records whether it was mid-work.
import { readdirSync, readFileSync } from 'node:fs';
import { NATS_TARGETS, natsFault } from './nats-faults.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Which process each fault hits; a subgraph and a gateway copy when there are replicas. */
export function faultTargets(platform, bus, net) {
  const names = Object.keys(platform.health);
  const pick = (...choices) => choices.find((c) => names.includes(c));
  return [
    ...(bus ? NATS_TARGETS : []),
    ...(net ? ['model-net'] : []),
    pick('sacrifice-2', 'sacrifice'),
    'orchestrator',
    'model',
    'video-worker',
    'notifier',
    pick('gateway-2', 'gateway'),
    pick('delivery-2', 'delivery'),
    pick('donor', 'donor-2'),
  ];
}

/** True when a process of group `pgid` runs `command` (an ffmpeg of a video worker). */
export function groupRuns(pgid, command) {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const group = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      if (group === pgid && name === command) return true;
    } catch {
      // It exited meanwhile.
    }
  }
  return false;
}

async function waitBusy(busy, target, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await busy(target).catch(() => false)) return true;
    await sleep(50);
  }
  return false;
}

/** Drops all, or 30-80 %, of the packets to the model service for 4-10 s; recovery: its health answers. */
async function dropPackets({ net, random, start, health }) {
  const percent = random() < 0.5 ? 100 : 30 + Math.floor(random() * 50);
  const fault = { target: 'model-net', signal: `DROP ${percent}%`, atS: (Date.now() - start) / 1000 };
  const t0 = Date.now();
  fault.stoppedMs = 4000 + Math.floor(random() * 6000);
  await net.drop(percent);
  await sleep(fault.stoppedMs);
  await net.heal();
  fault.recovered = await healthy(health);
  fault.recoveryMs = Date.now() - t0;
  return fault;
}

async function healthy(url, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(url, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return true;
    await sleep(100);
  }
  return false;
}

/**
 * Runs `count` faults spread at random over `windowMs` (none in its last fifth, so the day ends
 * with every process back), alternating SIGKILL and SIGSTOP, over the targets in turn (`targets`, or
 * `faultTargets` shuffled).
 * `bus`: { cluster, nats, streamName } when the run has its own NATS cluster. `busy(target)`: whether
 * it is doing the work a fault should interrupt (undefined for a process with no such work). `net`: the
 * model service's network namespace (netns.mjs): `model-net` drops packets to it for a few seconds.
 * Resolves with what was done.
 */
export async function runFaults(
  platform,
  { count, windowMs, targets: chosen, bus, busy, net, random = Math.random, log = () => {} },
) {
  const targets = chosen?.length ? chosen : faultTargets(platform, bus, net).sort(() => random() - 0.5);
  const known = (t) => platform.health[t] || (bus && NATS_TARGETS.includes(t)) || (net && t === 'model-net');
  const unknown = targets.filter((t) => !known(t));
  if (unknown.length)
    throw new Error(`no such process: ${unknown.join(', ')} (${Object.keys(platform.health).join(', ')})`);
  const moments = Array.from({ length: count }, () => random() * windowMs * 0.8).sort((a, b) => a - b);
  const start = Date.now();
  const done = [];
  for (let i = 0; i < count; i++) {
    await sleep(Math.max(0, start + moments[i] - Date.now()));
    const target = targets[i % targets.length];
    const signal = i % 2 === 0 ? 'SIGKILL' : 'SIGSTOP';
    if (NATS_TARGETS.includes(target)) {
      const fault = await natsFault({ ...bus, target, signal, random, start });
      log(`fault ${i + 1}: ${signal} ${fault.target} at ${fault.atS.toFixed(1)} s, back after ${fault.recoveryMs} ms`);
      done.push(fault);
      continue;
    }
    const hasWork = busy && (await busy(target).catch(() => undefined)) !== undefined;
    const midWork = hasWork ? await waitBusy(busy, target) : undefined;
    const during = midWork === undefined ? '' : midWork ? ' (mid-work)' : ' (idle)';
    if (target === 'model-net') {
      const fault = { ...(await dropPackets({ net, random, start, health: platform.health.model })), midWork };
      log(
        `fault ${i + 1}: ${fault.signal} to the model service${during} at ${fault.atS.toFixed(1)} s, back after ${fault.recoveryMs} ms`,
      );
      done.push(fault);
      continue;
    }
    const pid = platform.pids()[target];
    if (!pid) continue;
    const fault = { target, signal, atS: (Date.now() - start) / 1000, midWork };
    const t0 = Date.now();
    try {
      process.kill(-pid, signal);
    } catch {
      process.kill(pid, signal);
    }
    if (signal === 'SIGSTOP') {
      fault.stoppedMs = 3000 + Math.floor(random() * 4000);
      await sleep(fault.stoppedMs);
      process.kill(-pid, 'SIGCONT');
    } else {
      // The Supervisor notices the exit and starts a new copy (0.5 s, more when it keeps dying).
      while (platform.pids()[target] === pid && Date.now() - t0 < 60_000) await sleep(50);
    }
    fault.recovered = await healthy(platform.health[target]);
    fault.recoveryMs = Date.now() - t0;
    log(`fault ${i + 1}: ${signal} ${target}${during} at ${fault.atS.toFixed(1)} s, back after ${fault.recoveryMs} ms`);
    done.push(fault);
  }
  return done;
}
