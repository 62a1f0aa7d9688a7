import type { MikroORM } from '@mikro-orm/postgresql';
import type { ServiceTelemetry } from '@qurbani/kit';
import { statfs } from 'node:fs/promises';

/**
 * What an operator watches on Eid morning from this subgraph: the reviewers' backlog and its age,
 * and the space left where uploads land (a full disk refuses every proof video).
 */
export function watchVideoWork(
  telemetry: ServiceTelemetry,
  orm: MikroORM,
  uploadDir: string,
): { uploaded(bytes: number): void } {
  const { metrics } = telemetry;
  const uploadBytes = metrics.counter('upload_bytes_total', 'Bytes of proof videos received whole and recorded.');
  // The (status, id) index answers both; ids are UUIDv7, but created_at is exact.
  const backlog = () =>
    orm.em
      .fork()
      .execute<{ n: number; age: number }[]>(
        `select count(*)::int as n, coalesce(extract(epoch from now() - min(created_at)), 0)::float as age
         from video where status = 'FLAGGED'`,
      )
      .then(([row]) => row ?? { n: 0, age: 0 });
  metrics.gaugeOnScrape('review_backlog', 'Videos flagged and waiting for a reviewer.', [], async () => [
    { value: (await backlog()).n },
  ]);
  metrics.gaugeOnScrape(
    'review_backlog_oldest_age_seconds',
    'Age of the oldest video waiting for a reviewer (0 when none).',
    [],
    async () => [{ value: (await backlog()).age }],
  );
  metrics.gaugeOnScrape('media_disk_free_ratio', 'Share of the upload filesystem still free.', [], async () => {
    const fs = await statfs(uploadDir);
    return [{ value: fs.blocks > 0 ? fs.bavail / fs.blocks : 0 }];
  });
  return { uploaded: (bytes) => uploadBytes.inc(bytes) };
}
