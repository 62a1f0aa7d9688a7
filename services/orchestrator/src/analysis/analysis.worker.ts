import type { MikroORM } from '@mikro-orm/postgresql';
import type { EventsLogger, Species } from '@qurbani/events';
import type { Tracing } from '@qurbani/telemetry';
import { setTimeout as sleep } from 'node:timers/promises';
import { distinctNames, type ExpectationRepository } from '../expectation/expectation.repository.js';
import type { ModelClient } from '../model/model.client.js';
import { ModelError, ModelFailure } from '../model/model.errors.js';
import { WaitReason } from './analysis.entity.js';
import type { AnalysisRepository, Claim } from './analysis.repository.js';
import type { MediaFiles } from './media.js';
import { unusableVerdict, verdictFrom } from './proof-outcome.rules.js';

/** The model service takes 1 to 7 names: the shares of one animal. */
const MAX_NAMES = 7;

export interface WorkerOptions {
  orm: MikroORM;
  analyses: AnalysisRepository;
  expectations: ExpectationRepository;
  model: ModelClient;
  media: MediaFiles;
  concurrency: number;
  leaseMs: number;
  retryMaxDelayMs: number;
  pollMs: number;
  logger: EventsLogger;
  /** Each attempt is a span in the trace the video arrived in. */
  tracing: Tracing;
}

/** Delay before attempt n+1: 1 s doubling, capped. */
const backoff = (attempts: number, capMs: number) => Math.min(1000 * 2 ** Math.max(0, attempts - 1), capMs);

/**
 * Runs `concurrency` analysis loops. Each claims one due analysis, calls the model service through
 * the {@link ModelClient}, and either finishes it (verdict + outbox in one transaction) or puts it
 * back with a delay. While the circuit is open nobody claims anything: the work waits in the table.
 */
export class AnalysisWorker {
  private stopping = false;
  private readonly abort = new AbortController();
  private wakeUp: (() => void) | null = null;
  private loops: Promise<void>[] = [];
  readonly counters = { finished: 0, released: 0, lostLeases: 0 };

  constructor(private readonly o: WorkerOptions) {}

  start(): void {
    this.loops = Array.from({ length: this.o.concurrency }, () => this.loop());
  }

  /** Makes idle loops look for work now (a new video arrived, the model service came back). */
  wake(): void {
    const wake = this.wakeUp;
    this.wakeUp = null;
    wake?.();
  }

  /** Stops claiming, cancels running analyses (they are put back for another worker) and waits. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.abort.abort();
    this.wake();
    await Promise.all(this.loops);
  }

  private async idle(ms: number): Promise<void> {
    if (this.stopping) return;
    let wake!: () => void;
    const woken = new Promise<void>((resolve) => {
      wake = resolve;
    });
    const previous = this.wakeUp;
    // Every idle loop waits on the same wake-up; chaining keeps earlier waiters woken too.
    this.wakeUp = () => {
      previous?.();
      wake();
    };
    await Promise.race([woken, sleep(ms, undefined, { signal: this.abort.signal }).catch(() => undefined)]);
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      try {
        if (!this.o.model.acceptingWork()) {
          await this.idle(250);
          continue;
        }
        const claim = await this.o.analyses.claim(this.o.leaseMs);
        if (!claim) {
          await this.idle(this.o.pollMs);
          continue;
        }
        await this.o.tracing.span('analyse video', () => this.run(claim), {
          parent: claim.traceParent,
          attributes: { 'qurbani.video_id': claim.videoId, 'qurbani.attempt': claim.attempts },
        });
      } catch (error) {
        // The database is unreachable, most likely: a lapsed lease hands the work back later.
        this.o.logger.error('analysis loop failed; retrying', { error: (error as Error).message });
        await this.idle(1000);
      }
    }
  }

  private async run(claim: Claim): Promise<void> {
    let held = true;
    const renew = setInterval(
      () => {
        this.o.analyses.renew(claim, this.o.leaseMs).then(
          (ok) => {
            if (!ok) held = false;
          },
          () => undefined,
        );
      },
      Math.max(200, Math.floor(this.o.leaseMs / 3)),
    );
    try {
      const outcome = await this.analyse(claim);
      if (outcome.done) {
        const finished = await this.o.analyses.finish(claim, outcome.verdict);
        if (finished) {
          this.counters.finished++;
          this.o.logger.info('verdict recorded', {
            videoId: claim.videoId,
            outcome: outcome.verdict.outcome,
            attempts: claim.attempts,
          });
        } else {
          this.counters.lostLeases++;
          this.o.logger.warn('lease lost before the verdict was stored; the other worker publishes it', {
            videoId: claim.videoId,
          });
        }
      } else {
        this.counters.released++;
        if (held) await this.o.analyses.release(claim, outcome.delayMs, outcome.reason, outcome.error);
      }
    } finally {
      clearInterval(renew);
    }
  }

  private async analyse(
    claim: Claim,
  ): Promise<
    | { done: true; verdict: Parameters<AnalysisRepository['finish']>[1] }
    | { done: false; delayMs: number; reason: WaitReason; error: string }
  > {
    const { logger } = this.o;
    const cap = this.o.retryMaxDelayMs;
    const wait = (reason: WaitReason, error: string, delayMs = backoff(claim.attempts, cap)) => ({
      done: false as const,
      delayMs,
      reason,
      error,
    });
    if (this.stopping) return wait(WaitReason.MODEL, 'shutting down', 0);

    const em = this.o.orm.em.fork();
    const expectation = await this.o.expectations.find(em, claim.sacrificeId);
    // `sacrifice.assigned` arrives on its own durable; after an outage it may still be behind.
    if (!expectation) return wait(WaitReason.EXPECTATION, 'names to pronounce not known yet');
    const expected = distinctNames(expectation.names);
    const dayNames = distinctNames(await this.o.expectations.namesOfTheDay(em, claim.sacrificeId, claim.receivedAt));
    const confusable = dayNames.filter((n) => !expected.some((e) => e.toLocaleLowerCase() === n.toLocaleLowerCase()));
    const analyzedAt = () => new Date();

    let service;
    try {
      service = await this.o.model.health(this.abort.signal);
      if (expected.length > MAX_NAMES) {
        return {
          done: true,
          verdict: unusableVerdict(
            { ...claim, service, analyzedAt: analyzedAt() },
            { code: 'too_many_names', message: `${expected.length} names on one animal` },
          ),
        };
      }
      let video;
      try {
        video = await this.o.media.open(claim.storageKey, this.abort.signal);
      } catch (error) {
        logger.error('video file not readable; will retry', {
          videoId: claim.videoId,
          error: (error as Error).message,
        });
        return wait(WaitReason.MEDIA, (error as Error).message);
      }
      try {
        const response = await this.o.model.analyze(
          {
            ...(video.url ? { videoUrl: video.url } : { videoPath: video.path }),
            expectedNames: expected,
            confusableNames: confusable,
            species: (expectation.species?.toLowerCase() as Lowercase<Species> | undefined) ?? undefined,
            requestId: claim.videoId,
          },
          this.abort.signal,
        );
        return {
          done: true,
          verdict: verdictFrom(
            {
              ...claim,
              expectedNames: expected,
              confusableCount: confusable.length,
              service,
              analyzedAt: analyzedAt(),
            },
            response,
          ),
        };
      } finally {
        await video.release();
      }
    } catch (error) {
      if (!(error instanceof ModelError)) throw error;
      switch (error.failure) {
        case ModelFailure.Unusable:
          return {
            done: true,
            verdict: unusableVerdict(
              {
                ...claim,
                service: service ?? { status: 'ok', service: 'model', version: 'unknown' },
                analyzedAt: analyzedAt(),
              },
              error,
            ),
          };
        case ModelFailure.Refused:
          logger.error('model service refused the request; an operator must check the deployment', {
            videoId: claim.videoId,
            code: error.code,
            error: error.message,
          });
          return wait(
            WaitReason.MODEL_REFUSED,
            `${error.code}: ${error.message}`,
            Math.max(backoff(claim.attempts, cap), Math.min(cap, 30_000)),
          );
        case ModelFailure.Unavailable:
          logger.warn('model service unavailable; the analysis waits', {
            videoId: claim.videoId,
            code: error.code,
            circuit: this.o.model.circuit,
          });
          // Cancelled by a shutdown: due again at once, for another replica or the next start.
          return wait(
            WaitReason.MODEL,
            `${error.code}: ${error.message}`,
            this.stopping ? 0 : (error.options.retryAfterMs ?? backoff(claim.attempts, cap)),
          );
        default: {
          const never: never = error.failure;
          throw new Error(`unhandled model failure ${String(never)}`, { cause: error });
        }
      }
    }
  }
}
