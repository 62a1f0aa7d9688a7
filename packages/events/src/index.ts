import 'reflect-metadata';

export { Subject, STREAM_SUBJECTS } from './subjects.js';
export type { CheckReport, DispatchContact, EventPayload, EventPayloads, PushDevice, SubjectName } from './subjects.js';
export {
  ALL_SPECIES,
  CHECK_STATUSES,
  isSpecies,
  ALL_MESSAGE_LANGUAGES,
  ALL_NOTIFICATION_KINDS,
  MessageLanguage,
  NOTIFICATION_AUDIENCE,
  NotificationChannel,
  NotificationKind,
  SendStatus,
  SacrificeStatus,
  Species,
  VideoOutcome,
} from './vocabulary.js';
export type { CancelDecision, CancelRefusal, CheckStatus, ReviewDecision } from './vocabulary.js';
export { AllocatedSacrifice } from './projections/allocated-sacrifice.entity.js';
export { allocatedSacrificeConsumer, recordAllocatedSacrifice } from './projections/allocated-sacrifice.consumer.js';
export { SacrificeProgress } from './projections/sacrifice-progress.entity.js';
export { sacrificeProgressConsumer } from './projections/sacrifice-progress.consumer.js';
export { DeadLetter, InboxMessage, OutboxMessage, eventEntities } from './entities/index.js';
export { enqueue } from './enqueue.js';
export {
  enqueueLive,
  isLiveSubject,
  LiveKind,
  liveSubject,
  liveWireSubject,
  publishLive,
  REVIEW_QUEUE_TOPIC,
} from './live.js';
export type { LiveKindName, LivePayloads, LivePosition, LiveSignal } from './live.js';
export { startOutboxRelay } from './relay.js';
export type { OutboxRelay, OutboxRelayOptions } from './relay.js';
export { ensureStream } from './stream.js';
export { pruneSettled, STREAM_MAX_AGE_MS } from './retention.js';
export type { RetentionOptions } from './retention.js';
export type { EnsureStreamOptions } from './stream.js';
export { bySubject, defaultBackoffMs, startConsumer } from './consumer.js';
export type { DeliveryMeta, EventHandler, RunningConsumer, StartConsumerOptions } from './consumer.js';
export { AlreadyReplayed, NotReplayable, replayDeadLetter, UnknownDeadLetter } from './replay.js';
export { POISON_PREFIX } from './dead-letters.js';
export { EVENT_ID_HEADER, MSG_ID_HEADER } from './headers.js';
export { connectNats } from './nats.js';
export type { NatsHandles } from './nats.js';
export { natsServerOptions } from './nats-url.js';
export type { NatsServerOptions } from './nats-url.js';
export { defaultLogger } from './logger.js';
export type { EventsLogger } from './logger.js';
export type { ConsumeOutcome, EventsObserver, EventsTracer } from './observer.js';
export { consumer, startMessaging } from './messaging.js';
export type { ConsumerBase, ConsumerFactory, ConsumerSpec, Messaging, MessagingOptions } from './messaging.js';
