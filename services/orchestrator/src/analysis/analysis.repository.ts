import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { enqueue, Subject, type EventPayloads } from '@qurbani/events';
import { currentTraceparent } from '@qurbani/telemetry';
import { randomUUID } from 'node:crypto';
import { Analysis, AnalysisStatus, WaitReason } from './analysis.entity.js';

type ProcessedFinal = EventPayloads[typeof Subject.VideoProcessedFinal];

/** A pending analysis claimed by this worker until `leaseUntil`; `token` proves the claim. */
export interface Claim {
  videoId: string;
  sacrificeId: string;
  storageKey: string;
  durationSeconds: number | null;
  attempts: number;
  receivedAt: Date;
  token: string;
  /** The trace the video arrived in (null when tracing was off). */
  traceParent: string | null;
}

/**
 * The analysis queue in PostgreSQL. Claims use `FOR UPDATE SKIP LOCKED` and a lease, so several
 * replicas share the work and a crashed worker's analysis is taken over once its lease lapses.
 * Times come from the database clock, the one clock every replica shares.
 */
export class AnalysisRepository {
  constructor(private readonly orm: MikroORM) {}

  private sql<T>(query: string, params: unknown[]): Promise<T[]> {
    return this.orm.em.fork().execute<T[]>(query, params);
  }

  /** Records a video to analyse; a repeated event for the same video changes nothing. */
  async add(
    em: EntityManager,
    row: { videoId: string; sacrificeId: string; storageKey: string; durationSeconds?: number | null },
  ): Promise<boolean> {
    const result = await em
      .createQueryBuilder(Analysis)
      .insert({
        ...row,
        durationSeconds: row.durationSeconds ?? null,
        status: AnalysisStatus.PENDING,
        attempts: 0,
        nextAttemptAt: new Date(),
        receivedAt: new Date(),
        traceParent: currentTraceparent() ?? null,
      })
      .onConflict('videoId')
      .ignore()
      .execute('run');
    return result.affectedRows > 0;
  }

  /** Claims the oldest due analysis, or returns null when none is due. */
  async claim(leaseMs: number): Promise<Claim | null> {
    const token = randomUUID();
    const [row] = await this.sql<Record<string, unknown>>(
      `update analysis a set lease_until = clock_timestamp() + ? * interval '1 millisecond', lease_token = ?, attempts = a.attempts + 1
       where a.video_id = (
         select video_id from analysis
         where status = 'PENDING' and next_attempt_at <= clock_timestamp() and (lease_until is null or lease_until < clock_timestamp())
         order by next_attempt_at, received_at limit 1 for update skip locked)
       returning a.video_id, a.sacrifice_id, a.storage_key, a.duration_seconds, a.attempts, a.received_at, a.trace_parent`,
      [leaseMs, token],
    );
    if (!row) return null;
    return {
      videoId: row.video_id as string,
      sacrificeId: row.sacrifice_id as string,
      storageKey: row.storage_key as string,
      durationSeconds: row.duration_seconds === null ? null : Number(row.duration_seconds),
      attempts: Number(row.attempts),
      receivedAt: new Date(row.received_at as string),
      token,
      traceParent: (row.trace_parent as string | null) ?? null,
    };
  }

  /** Extends the lease; false when it was lost (another worker took over after it lapsed). */
  async renew(claim: Claim, leaseMs: number): Promise<boolean> {
    const rows = await this.sql<{ video_id: string }>(
      `update analysis set lease_until = clock_timestamp() + ? * interval '1 millisecond'
       where video_id = ? and lease_token = ? and status = 'PENDING' returning video_id`,
      [leaseMs, claim.videoId, claim.token],
    );
    return rows.length === 1;
  }

  /** Puts the analysis back, due again after `delayMs`. */
  async release(claim: Claim, delayMs: number, waitingFor: WaitReason, error: string): Promise<void> {
    await this.sql(
      `update analysis set lease_until = null, lease_token = null, next_attempt_at = clock_timestamp() + ? * interval '1 millisecond',
         waiting_for = ?, last_error = ?
       where video_id = ? and lease_token = ? and status = 'PENDING'`,
      [Math.max(0, Math.round(delayMs)), waitingFor, error.slice(0, 2000), claim.videoId, claim.token],
    );
  }

  /**
   * Stores the verdict and queues `video.processed-final` in one transaction, only while the
   * claim still holds: of two workers that both finished (a lapsed lease), one publishes.
   */
  async finish(claim: Claim, verdict: ProcessedFinal): Promise<boolean> {
    return this.orm.em.fork().transactional(async (em) => {
      const updated = await em.nativeUpdate(
        Analysis,
        { videoId: claim.videoId, leaseToken: claim.token, status: AnalysisStatus.PENDING },
        {
          status: AnalysisStatus.DONE,
          outcome: verdict.outcome,
          result: verdict,
          finishedAt: new Date(),
          leaseToken: null,
          leaseUntil: null,
          waitingFor: null,
        },
      );
      if (updated !== 1) return false;
      enqueue(em, Subject.VideoProcessedFinal, verdict);
      return true;
    });
  }

  /** Makes analyses that wait for the model service due now (it is back). */
  async wake(reason: WaitReason): Promise<number> {
    const rows = await this.sql<{ video_id: string }>(
      `update analysis set next_attempt_at = clock_timestamp() where status = 'PENDING' and waiting_for = ? and lease_token is null returning video_id`,
      [reason],
    );
    return rows.length;
  }

  /** Counts for `/stats`. */
  async stats(): Promise<Record<string, unknown>> {
    const [row] = await this.sql<Record<string, string | null>>(
      `select count(*) filter (where status = 'PENDING') as pending,
              count(*) filter (where status = 'PENDING' and lease_token is not null and lease_until > clock_timestamp()) as running,
              count(*) filter (where status = 'PENDING' and waiting_for = 'model') as waiting_for_model,
              count(*) filter (where status = 'PENDING' and waiting_for = 'model-refused') as refused_by_model,
              count(*) filter (where status = 'PENDING' and waiting_for = 'expectation') as waiting_for_names,
              count(*) filter (where status = 'DONE') as done,
              extract(epoch from clock_timestamp() - min(received_at) filter (where status = 'PENDING')) as oldest_pending_seconds
       from analysis`,
      [],
    );
    return Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, v === null ? null : Number(v)]));
  }
}
