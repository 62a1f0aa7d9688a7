import { DeadLetter } from './dead-letter.js';
import { InboxMessage } from './inbox-message.js';
import { OutboxMessage } from './outbox-message.js';

export { DeadLetter, InboxMessage, OutboxMessage };

/** Add to a subgraph's `entities` list (and generate a migration) to use outbox, inbox and dead letters. */
export const eventEntities = [OutboxMessage, InboxMessage, DeadLetter];
