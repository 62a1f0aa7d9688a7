// Preloaded into every process of a bench (`NODE_OPTIONS="--require <this file>"`): prints, with the
// time to the millisecond, each event-loop stall over 30 ms and each garbage collection over 15 ms,
// so a latency spike can be laid next to the process that paused. CommonJS: --require needs it.
const { PerformanceObserver } = require('node:perf_hooks');
const path = require('node:path');

const name = `${path.basename(process.argv[1] || 'node')}:${process.pid}`;
const stamp = () => new Date().toISOString().slice(11, 23);
const TICK_MS = 10;
// V8's kinds (perf_hooks constants): 1 scavenge, 2 minor mark-sweep, 4 major mark-sweep-compact, 8 incremental, 16 weak callbacks.
const GC_KINDS = { 1: 'scavenge', 2: 'minor', 4: 'major', 8: 'incremental', 16: 'weak' };

let last = performance.now();
setInterval(() => {
  const now = performance.now();
  const late = now - last - TICK_MS;
  if (late > 30) process.stderr.write(`LAG ${stamp()} ${name} event loop late ${late.toFixed(0)} ms\n`);
  last = now;
}, TICK_MS).unref();

new PerformanceObserver((list) => {
  for (const entry of list.getEntries())
    if (entry.duration > 15)
      process.stderr.write(
        `LAG ${stamp()} ${name} gc ${GC_KINDS[entry.detail?.kind] ?? entry.detail?.kind} ${entry.duration.toFixed(0)} ms, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB after\n`,
      );
}).observe({ entryTypes: ['gc'] });
