import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { JetStreamClient } from '@nats-io/jetstream';
import { headers } from '@nats-io/transport-node';
import { v7 } from 'uuid';
import { POISON_PREFIX } from './dead-letters.js';
import { DeadLetter } from './entities/dead-letter.js';
import { EVENT_ID_HEADER } from './headers.js';
import { wireSubject } from './subject-prefix.js';

/**
 * Publishes a dead-lettered event again (after the cause is fixed) and stamps `replayed_at`.
 * It gets a fresh Nats-Msg-Id, so JetStream does not drop it as a duplicate, and keeps its event
 * id in a header: every consumer of the subject receives it, but those that already handled the
 * original skip it through their inbox, so only the consumer that failed runs its handler again.
 */
export async function replayDeadLetter(
  orm: MikroORM,
  js: JetStreamClient,
  deadLetterId: string,
  options: {
    subjectPrefix?: string;
    /** Runs in the transaction that claims the row (an audit record commits with the claim). */
    onClaimed?: (tx: EntityManager, row: DeadLetter) => Promise<void>;
    /** Runs in the transaction that hands the row back when publishing failed. */
    onUndone?: (tx: EntityManager, row: DeadLetter) => Promise<void>;
  } = {},
): Promise<DeadLetter> {
  const em = orm.em.fork();
  const row = await em.findOne(DeadLetter, { id: deadLetterId });
  if (!row) throw new UnknownDeadLetter(deadLetterId);
  if (row.error.startsWith(POISON_PREFIX)) throw new NotReplayable(deadLetterId);
  // Claimed before publishing: two operators pressing "replay" at once publish it once.
  await em.transactional(async (tx) => {
    const claimed = await tx.execute(
      `update dead_letter set replayed_at = now() where id = ? and replayed_at is null`,
      [row.id],
      'run',
    );
    if ((claimed as { affectedRows?: number }).affectedRows !== 1) throw new AlreadyReplayed(deadLetterId);
    await options.onClaimed?.(tx, row);
  });
  const h = headers();
  h.set(EVENT_ID_HEADER, row.messageId);
  try {
    await js.publish(wireSubject(options.subjectPrefix, row.subject), JSON.stringify(row.payload), {
      msgID: v7(),
      headers: h,
    });
  } catch (error) {
    await em.transactional(async (tx) => {
      await tx.execute(`update dead_letter set replayed_at = null where id = ?`, [row.id], 'run');
      await options.onUndone?.(tx, row);
    });
    throw error;
  }
  await em.refresh(row);
  return row;
}

/** The dead letter was replayed already (by someone else, or a moment ago). */
export class AlreadyReplayed extends Error {
  constructor(readonly deadLetterId: string) {
    super(`dead letter ${deadLetterId} was already replayed`);
  }
}

/** No dead letter has this id (in this service). */
export class UnknownDeadLetter extends Error {
  constructor(readonly deadLetterId: string) {
    super(`no dead letter ${deadLetterId}`);
  }
}

/** The dead letter's body was not valid JSON: a corrected event must be enqueued instead. */
export class NotReplayable extends Error {
  constructor(readonly deadLetterId: string) {
    super(`dead letter ${deadLetterId} is not valid JSON and cannot be replayed; enqueue a corrected event instead`);
  }
}
