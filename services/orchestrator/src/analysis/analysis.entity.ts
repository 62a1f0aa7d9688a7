import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { EventPayloads, Subject } from '@qurbani/events';

export enum AnalysisStatus {
  /** Waiting for a worker, or being analysed under a lease. */
  PENDING = 'PENDING',
  /** Verdict recorded and `video.processed-final` queued in the same transaction. */
  DONE = 'DONE',
}

/** Why a pending analysis was put back (shown in `/stats`, used to wake the right ones). */
export enum WaitReason {
  MODEL = 'model',
  MODEL_REFUSED = 'model-refused',
  EXPECTATION = 'expectation',
  MEDIA = 'media',
  ERROR = 'error',
}

/**
 * One proof video to analyse: the record of truth for the pipeline step. Created from
 * `video.uploaded-preprocessed` (once per video), claimed by a worker with a renewable lease, and
 * finished exactly once. While the model service is down it simply stays pending.
 */
@Entity({ tableName: 'analysis' })
@Index({ properties: ['status', 'nextAttemptAt'] })
export class Analysis {
  @PrimaryKey({ type: 'uuid' })
  videoId!: string;

  @Property({ type: 'uuid' })
  sacrificeId!: string;

  @Property({ type: 'text' })
  storageKey!: string;

  @Property({ type: 'double', nullable: true })
  durationSeconds: number | null = null;

  @Enum({ items: () => AnalysisStatus, type: 'text' })
  status: Opt<AnalysisStatus> = AnalysisStatus.PENDING;

  /** Claims so far (each model call attempt, or each wait for missing facts). */
  @Property({ type: 'integer' })
  attempts: Opt<number> = 0;

  @Property({ type: 'timestamptz' })
  nextAttemptAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  leaseUntil: Date | null = null;

  @Property({ type: 'uuid', nullable: true })
  leaseToken: string | null = null;

  @Enum({ items: () => WaitReason, type: 'text', nullable: true })
  waitingFor: WaitReason | null = null;

  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Property({ type: 'text', nullable: true })
  outcome: string | null = null;

  /** The `video.processed-final` payload that was published. */
  @Property({ type: 'jsonb', nullable: true })
  result: EventPayloads[typeof Subject.VideoProcessedFinal] | null = null;

  @Property({ type: 'timestamptz' })
  receivedAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null = null;

  /** W3C `traceparent` of the event that queued it: the analysis continues that trace. */
  @Property({ type: 'text', nullable: true })
  traceParent: string | null = null;
}
