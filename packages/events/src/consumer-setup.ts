import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  type ConsumerConfig,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { InvalidArgumentError, nanos } from '@nats-io/transport-node';
import type { EventsLogger } from './logger.js';

/** What the durable is created with; see {@link ensureDurable}. */
export interface DurableSpec {
  stream: string;
  durable: string;
  subjects: readonly string[];
  /** Server-side delivery cap. */
  maxDeliver: number;
  ackWaitMs: number;
}

/**
 * Creates or updates the durable pull consumer. Returns whether the server filters subjects;
 * when it does not, the caller must filter (and ack) messages itself.
 */
export async function ensureDurable(
  jsm: JetStreamManager,
  spec: DurableSpec,
  logger: EventsLogger,
): Promise<{ serverFiltered: boolean }> {
  const base: Partial<ConsumerConfig> = {
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    max_deliver: spec.maxDeliver,
    ack_wait: nanos(spec.ackWaitMs),
  };
  const filter: Partial<ConsumerConfig> =
    spec.subjects.length === 1 ? { filter_subject: spec.subjects[0] } : { filter_subjects: [...spec.subjects] };
  try {
    await upsert(jsm, spec, { ...base, ...filter });
    return { serverFiltered: true };
  } catch (error) {
    // nats-server < 2.10 (Debian ships 2.9.10) has a single filter_subject only, and nats.js
    // refuses filter_subjects there. Take the whole stream and filter in the client instead.
    if (!(error instanceof InvalidArgumentError) || !('filter_subjects' in filter)) throw error;
    logger.warn('server lacks filter_subjects; consumer filters subjects client-side', { durable: spec.durable });
    await upsert(jsm, spec, base);
    return { serverFiltered: false };
  }
}

async function upsert(jsm: JetStreamManager, spec: DurableSpec, config: Partial<ConsumerConfig>): Promise<void> {
  try {
    await jsm.consumers.info(spec.stream, spec.durable);
  } catch (error) {
    if (!(error instanceof JetStreamApiError) || error.code !== JetStreamApiCodes.ConsumerNotFound) throw error;
    await jsm.consumers.add(spec.stream, { ...config, durable_name: spec.durable });
    return;
  }
  const { ack_policy: _ackPolicy, deliver_policy: _deliverPolicy, ...updatable } = config;
  await jsm.consumers.update(spec.stream, spec.durable, updatable);
}
