import type { MikroORM } from '@mikro-orm/postgresql';
import type { FieldCipher } from '@qurbani/kit';
import type { Fix } from './position.rules.js';
import { RoutePositionSample } from './route-position.entity.js';

interface Pending {
  routeId: string;
  bucket: number;
  fix: Fix;
  receivedAt: Date;
}

/** Rows kept when the database is away, beyond which the oldest samples are given up. */
const MAX_PENDING = 50_000;

/**
 * Write-behind for the sampled history: samples and ETAs are written in one multi-row statement
 * every `flushMs` (or sooner when `maxRows` wait), instead of a commit per report. A crash loses at
 * most that window of history; the current position, which is what tracking shows, is in Redis.
 */
export class PositionHistory {
  private pending: Pending[] = [];
  private etas = new Map<string, Date | null>();
  private running: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly orm: MikroORM,
    private readonly cipher: FieldCipher,
    private readonly options = { flushMs: 500, maxRows: 500 },
  ) {
    this.timer = setInterval(() => void this.flush(), options.flushMs).unref();
  }

  add(
    routeId: string,
    samples: readonly { bucket: number; fix: Fix }[],
    etas?: ReadonlyMap<string, number | null>,
  ): void {
    const receivedAt = new Date();
    for (const { bucket, fix } of samples) this.pending.push({ routeId, bucket, fix, receivedAt });
    for (const [deliveryId, eta] of etas ?? []) this.etas.set(deliveryId, eta === null ? null : new Date(eta));
    if (this.pending.length >= this.options.maxRows) void this.flush();
  }

  /** Writes everything pending; flushes never overlap. */
  flush(): Promise<void> {
    this.running = this.running
      .then(() => this.write())
      .catch((error) => console.error('position history write failed; will retry', error));
    return this.running;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private async write(): Promise<void> {
    if (this.pending.length === 0 && this.etas.size === 0) return;
    const rows = this.pending;
    const etas = this.etas;
    this.pending = [];
    this.etas = new Map();
    const em = this.orm.em.fork();
    try {
      await em.transactional(async (tx) => {
        if (rows.length) {
          await tx
            .createQueryBuilder(RoutePositionSample)
            .insert(
              rows.map((r) => ({
                id: new RoutePositionSample().id,
                routeId: r.routeId,
                bucket: r.bucket,
                fixTime: new Date(r.fix.fixTime),
                pointEncrypted: this.cipher.encrypt(`${r.fix.lat},${r.fix.lng}`),
                accuracy: r.fix.accuracy,
                speed: r.fix.speed,
                receivedAt: r.receivedAt,
              })),
            )
            .onConflict(['routeId', 'bucket'])
            .ignore()
            .execute('run');
        }
        if (etas.size) {
          const values = [...etas].map(() => '(?::uuid, ?::timestamptz)').join(', ');
          await tx.execute(
            `update delivery as d set eta = v.eta from (values ${values}) as v(id, eta) where d.id = v.id`,
            [...etas].flatMap(([id, eta]) => [id, eta?.toISOString() ?? null]),
            'run',
          );
        }
      });
    } catch (error) {
      // Put them back (newest ETAs win) and let the next flush try again.
      this.pending = [...rows, ...this.pending].slice(-MAX_PENDING);
      for (const [id, eta] of etas) if (!this.etas.has(id)) this.etas.set(id, eta);
      throw error;
    }
  }
}
