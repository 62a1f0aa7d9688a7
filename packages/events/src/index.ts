import 'reflect-metadata';

export { Subject, STREAM_SUBJECTS } from './subjects.js';
export type { EventPayload, EventPayloads, Species, SubjectName } from './subjects.js';
export { DeadLetter, InboxMessage, OutboxMessage, eventEntities } from './entities/index.js';
export { enqueue } from './enqueue.js';
export { startOutboxRelay } from './relay.js';
export type { OutboxRelay, OutboxRelayOptions } from './relay.js';
export { ensureStream } from './stream.js';
export type { EnsureStreamOptions } from './stream.js';
export { bySubject, defaultBackoffMs, startConsumer } from './consumer.js';
export type { DeliveryMeta, EventHandler, RunningConsumer, StartConsumerOptions } from './consumer.js';
export { replayDeadLetter } from './replay.js';
export { POISON_PREFIX } from './dead-letters.js';
export { EVENT_ID_HEADER, MSG_ID_HEADER } from './headers.js';
export { connectNats } from './nats.js';
export type { NatsHandles } from './nats.js';
export { defaultLogger } from './logger.js';
export type { EventsLogger } from './logger.js';
