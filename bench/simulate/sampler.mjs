// Every few seconds: each queue's backlog from the services' /metrics (outbox rows not yet published,
// each durable consumer's lag, and the work gauges the services export) and each process's CPU and
// memory from /proc (its process group: the model service's or ffmpeg's children count too).
import { readdirSync, readFileSync } from 'node:fs';
import { machineTicks } from '../lib/processes.mjs';

const TICK_MS = 10;
const PAGE = 4096;
const BACKLOG = /^([a-z_]*(?:outbox_backlog|consumer_lag|_backlog|_queue_depth|_waiting))(\{[^}]*\})?\s+([0-9.e+-]+)$/;

/** CPU ms and RSS bytes of every process whose group is `pgid` (the supervised process and its children). */
function groupUsage(pgid) {
  let cpu = 0;
  let rss = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(f[2]) !== pgid) continue;
      // utime + stime, and cutime + cstime: an ffmpeg that has exited counts in its parent's.
      cpu += (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * TICK_MS;
      rss += Number(f[21]) * PAGE;
    } catch {
      // It exited meanwhile.
    }
  }
  return { cpu, rss };
}

async function backlogs(url) {
  const text = await fetch(url, { signal: AbortSignal.timeout(3000) }).then((r) => (r.ok ? r.text() : ''));
  const out = {};
  for (const line of text.split('\n')) {
    const m = BACKLOG.exec(line);
    if (!m) continue;
    const durable = /durable="([^"]+)"/.exec(m[2] ?? '')?.[1];
    const key = durable ? `lag ${durable}` : m[1].replace(/^qurbani_/, '');
    out[key] = (out[key] ?? 0) + Number(m[3]);
  }
  return out;
}

// Work queues kept in tables and exported on no /metrics: read where they live.
const TABLE_QUEUES = {
  'orchestrator analyses waiting': [
    'orchestrator',
    `select count(*)::int as n from analysis where status in ('PENDING', 'RUNNING')`,
  ],
  'notifier sends waiting': ['notifier', `select count(*)::int as n from send where state in ('PENDING', 'SENDING')`],
  'video clips in processing': [
    'video',
    `select count(*)::int as n from video where status in ('UPLOADED', 'PROCESSING')`,
  ],
};

/** Starts sampling; `stop()` resolves with { samples: [{t, backlog: {service/queue: n}, cpu: {name: %}, rssMb: {name: MB}}] }. */
export function startSampler(platform, db, everyMs = 5000) {
  const samples = [];
  const start = Date.now();
  let last = null;
  const tick = async () => {
    const t = (Date.now() - start) / 1000;
    const pids = platform.pids();
    const usage = {};
    for (const [name, pid] of Object.entries(pids)) if (pid) usage[name] = { pid, ...groupUsage(pid) };
    const sample = { t, backlog: {}, cpu: {}, rssMb: {} };
    await Promise.all(
      Object.entries(platform.metrics).map(async ([name, url]) => {
        const b = await backlogs(url).catch(() => null);
        // Copies of a service (and the video worker) share its database and durable consumers: one line each.
        const service = name.replace(/-\d+$/, '').replace(/^video-worker$/, 'video');
        for (const [k, v] of Object.entries(b ?? {})) {
          const key = `${service} ${k}`;
          sample.backlog[key] = Math.max(sample.backlog[key] ?? 0, v);
        }
      }),
    );
    for (const [label, [name, sql]] of Object.entries(TABLE_QUEUES)) {
      const rows = await db.rows(name, sql).catch(() => null);
      if (rows) sample.backlog[label] = rows[0].n;
    }
    for (const [name, u] of Object.entries(usage)) {
      sample.rssMb[name] = u.rss / 1e6;
      const before = last?.usage[name];
      // A restarted process has a new pid: its CPU counts from zero.
      // A member of the group that exited unreaped takes its CPU with it: no figure for that interval.
      if (before && before.pid === u.pid && u.cpu >= before.cpu)
        sample.cpu[name] = ((u.cpu - before.cpu) / ((t - last.t) * 1000)) * 100;
    }
    // The machine is shared: how busy it was overall, next to what this run's processes used.
    const ticks = machineTicks();
    if (last) sample.machineBusyPct = ((ticks.busy - last.ticks.busy) / (ticks.total - last.ticks.total)) * 100;
    last = { t, usage, ticks };
    samples.push(sample);
  };
  let pending = tick();
  const timer = setInterval(() => (pending = pending.then(tick)), everyMs);
  return async () => {
    clearInterval(timer);
    await pending;
    await tick();
    return samples;
  };
}
