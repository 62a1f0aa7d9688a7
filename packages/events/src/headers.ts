import type { JsMsg } from '@nats-io/jetstream';

/** JetStream's dedupe header; the relay sets it to the outbox id. */
export const MSG_ID_HEADER = 'Nats-Msg-Id';

/**
 * Logical event id, set on replays. A replay needs a fresh Nats-Msg-Id (or JetStream would drop it
 * as a duplicate), but consumers that already handled the original must still recognise it, so
 * inbox dedupe keys on this header when present.
 */
export const EVENT_ID_HEADER = 'Qurbani-Event-Id';

/** W3C trace context of the span that wrote the event (see the relay and `EventsTracer`). */
export const TRACEPARENT_HEADER = 'traceparent';

/** The id consumers dedupe on: event id, else Nats-Msg-Id, else the stream position. */
export function eventIdOf(msg: JsMsg): string {
  const headers = msg.headers;
  const id = headers?.get(EVENT_ID_HEADER) || headers?.get(MSG_ID_HEADER);
  return id || `${msg.info.stream}:${msg.info.streamSequence}`;
}
