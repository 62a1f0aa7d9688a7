import {
  DiscardPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  type JetStreamManager,
  type StreamConfig,
  type StreamInfo,
} from '@nats-io/jetstream';
import { nanos, PermissionViolationError } from '@nats-io/transport-node';
import { STREAM_MAX_AGE_MS } from './retention.js';

/** Stream settings {@link ensureStream} manages; everything else keeps the server default. */
export interface EnsureStreamOptions {
  name: string;
  subjects: readonly string[];
  /** Window in which a repeated Nats-Msg-Id is dropped as a duplicate (default 2 minutes). */
  duplicateWindowMs?: number;
  /** Drop messages older than this; a new stream gets 30 days (`STREAM_MAX_AGE_MS`) when unset. */
  maxAgeMs?: number;
  /** Bytes kept at most (oldest dropped first); unset = no byte limit (the server reserves this much up front). */
  maxBytes?: number;
  /** Copies of the stream in a JetStream cluster (3 survives the loss of one node); set when the stream is created. */
  replicas?: number;
}

/**
 * Creates the stream with file storage, or updates subjects / windows of an existing one when they
 * differ. Updating is left to the NATS `admin` user in production (deploy/nats/nats-server.conf), so
 * services only read an unchanged stream; one that needs an update and may not do it says how.
 */
export async function ensureStream(jsm: JetStreamManager, options: EnsureStreamOptions): Promise<StreamInfo> {
  const config = {
    subjects: [...options.subjects],
    duplicate_window: nanos(options.duplicateWindowMs ?? 120_000),
    // Left alone on update unless given, so a limit set by an operator survives redeploys.
    ...(options.maxAgeMs !== undefined ? { max_age: nanos(options.maxAgeMs) } : {}),
  };
  let current: StreamInfo;
  try {
    current = await jsm.streams.info(options.name);
  } catch (error) {
    if (!isStreamNotFound(error)) throw error;
    return jsm.streams.add({
      name: options.name,
      ...config,
      storage: StorageType.File,
      // Bounded from the start: the outbox is the record of truth, the stream only transport.
      max_age: nanos(options.maxAgeMs ?? STREAM_MAX_AGE_MS),
      num_replicas: options.replicas ?? 1,
      // JetStream reserves max_bytes of storage up front: set only when asked (operators size it per cluster).
      ...(options.maxBytes !== undefined ? { max_bytes: options.maxBytes } : {}),
      // Limits retention: several durable consumers read the same stream independently.
      retention: RetentionPolicy.Limits,
      discard: DiscardPolicy.Old,
    });
  }
  if (sameSettings(current.config, config)) return current;
  try {
    return await jsm.streams.update(options.name, config);
  } catch (error) {
    if (!isPermissionViolation(error)) throw error;
    throw new Error(
      `stream ${options.name} must be updated (subjects ${config.subjects.join(' ')}) and this NATS user may not: ` +
        'update it once as the NATS admin user (nats stream edit)',
      { cause: error },
    );
  }
}

function sameSettings(
  current: StreamConfig,
  wanted: { subjects: string[]; duplicate_window: number; max_age?: number },
): boolean {
  const subjects = new Set(current.subjects ?? []);
  return (
    subjects.size === wanted.subjects.length &&
    wanted.subjects.every((s) => subjects.has(s)) &&
    current.duplicate_window === wanted.duplicate_window &&
    (wanted.max_age === undefined || current.max_age === wanted.max_age)
  );
}

/** nats.js reports a refused request as a RequestError caused by the PermissionViolationError. */
function isPermissionViolation(error: unknown): boolean {
  return (
    error instanceof PermissionViolationError ||
    (error instanceof Error && error.cause instanceof PermissionViolationError)
  );
}

function isStreamNotFound(error: unknown): boolean {
  if (error instanceof JetStreamApiError) return error.code === JetStreamApiCodes.StreamNotFound;
  return (error as { name?: string })?.name === 'StreamNotFoundError';
}
