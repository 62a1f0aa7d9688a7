import type { EntityManager } from '@mikro-orm/postgresql';
import { DeadLetter } from './entities/dead-letter.js';

/** Prefix of `dead_letter.error` for messages that were not JSON; such rows cannot be replayed. */
export const POISON_PREFIX = 'poison: ';

/** What is recorded about an event a consumer gave up on. */
export interface DeadLetterRecord {
  consumer: string;
  subject: string;
  messageId: string;
  payload: unknown;
  deliveries: number;
  error: string;
}

/** Inserts the dead letter, or refreshes the existing row of the same consumer and event. */
export async function recordDeadLetter(em: EntityManager, record: DeadLetterRecord): Promise<void> {
  const row = new DeadLetter();
  Object.assign(row, record);
  await em
    .createQueryBuilder(DeadLetter)
    .insert({ ...record, id: row.id, createdAt: row.createdAt, replayedAt: null })
    .onConflict(['consumer', 'messageId'])
    .merge(['subject', 'payload', 'deliveries', 'error', 'replayedAt'])
    .execute('run');
}
