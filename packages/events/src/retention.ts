import type { MikroORM } from '@mikro-orm/postgresql';

/** How long settled bookkeeping rows are kept; see {@link pruneSettled}. */
export interface RetentionOptions {
  /** Published outbox rows (JetStream's duplicate window is minutes; these serve audits of what was sent). Default 7. */
  outboxDays?: number;
  /**
   * Inbox rows: the dedupe memory of each consumer. Keep it longer than the stream keeps events
   * (`STREAM_MAX_AGE_MS`), or a redelivery of an old event would be handled twice. Default 35.
   */
  inboxDays?: number;
  /** Dead letters already replayed. Default 30. */
  replayedDeadLetterDays?: number;
  /** Rows deleted per statement, so pruning never holds long locks. Default 5,000. */
  batch?: number;
}

/** JetStream keeps events this long (30 days): the inbox default outlives it. */
export const STREAM_MAX_AGE_MS = 30 * 24 * 3600 * 1000;

/**
 * Deletes settled outbox, inbox and replayed dead-letter rows past their retention, in batches;
 * rows still pending (unpublished outbox, dead letters not replayed) are never touched. Safe to run
 * in every replica at once. Returns the rows deleted per table.
 */
export async function pruneSettled(
  orm: MikroORM,
  options: RetentionOptions = {},
): Promise<{ outbox: number; inbox: number; deadLetters: number }> {
  const batch = options.batch ?? 5000;
  const connection = orm.em.getConnection();
  const prune = async (table: string, where: string, days: number) => {
    let total = 0;
    for (;;) {
      const result = await connection.execute(
        `delete from ${table} where ctid in (select ctid from ${table} where ${where} < now() - make_interval(days => ?) limit ? for update skip locked)`,
        [days, batch],
        'run',
      );
      const deleted = (result as { affectedRows?: number }).affectedRows ?? 0;
      total += deleted;
      if (deleted < batch) return total;
    }
  };
  return {
    outbox: await prune('outbox_message', 'published_at', options.outboxDays ?? 7),
    inbox: await prune('inbox_message', 'processed_at', options.inboxDays ?? 35),
    deadLetters: await prune('dead_letter', 'replayed_at', options.replayedDeadLetterDays ?? 30),
  };
}
