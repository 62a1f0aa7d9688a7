import type { MikroORM } from '@mikro-orm/postgresql';
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
  options: { subjectPrefix?: string } = {},
): Promise<void> {
  const em = orm.em.fork();
  const row = await em.findOneOrFail(DeadLetter, { id: deadLetterId });
  if (row.error.startsWith(POISON_PREFIX)) {
    throw new Error(
      `dead letter ${deadLetterId} is not valid JSON and cannot be replayed; enqueue a corrected event instead`,
    );
  }
  const h = headers();
  h.set(EVENT_ID_HEADER, row.messageId);
  await js.publish(wireSubject(options.subjectPrefix, row.subject), JSON.stringify(row.payload), {
    msgID: v7(),
    headers: h,
  });
  row.replayedAt = new Date();
  await em.flush();
}
