import type { MikroORM } from '@mikro-orm/postgresql';
import type { HideSweepService } from './hide-sweep.service.js';

/** Runs the hide sweep every `intervalMs` (and once at start); `stop` waits for a running sweep. */
export function startHideSweepJob(orm: MikroORM, sweep: HideSweepService, intervalMs: number) {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = running.then(() => sweep.sweep(orm.em)).catch((error) => console.error('hide sweep failed:', error));
  };
  if (intervalMs <= 0) return { stop: async () => undefined };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
