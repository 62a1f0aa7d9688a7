import type { MikroORM } from '@mikro-orm/postgresql';
import type { ArchiveService } from './archive.service.js';

/** Runs the archive sweep every `intervalMs` (and once at start); `stop` waits for a running sweep. */
export function startArchiveJob(orm: MikroORM, archive: ArchiveService, intervalMs: number) {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = running.then(() => archive.sweep(orm.em)).catch((error) => console.error('archive sweep failed:', error));
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
