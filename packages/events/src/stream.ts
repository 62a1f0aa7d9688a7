import { DiscardPolicy, JetStreamApiCodes, JetStreamApiError, RetentionPolicy, StorageType, type JetStreamManager, type StreamInfo } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';

/** Stream settings {@link ensureStream} manages; everything else keeps the server default. */
export interface EnsureStreamOptions {
  name: string;
  subjects: readonly string[];
  /** Window in which a repeated Nats-Msg-Id is dropped as a duplicate (default 2 minutes). */
  duplicateWindowMs?: number;
  /** Drop messages older than this; unset = keep until other limits are hit. */
  maxAgeMs?: number;
}

/** Creates the stream with file storage, or updates subjects / windows of an existing one. */
export async function ensureStream(jsm: JetStreamManager, options: EnsureStreamOptions): Promise<StreamInfo> {
  const config = {
    subjects: [...options.subjects],
    duplicate_window: nanos(options.duplicateWindowMs ?? 120_000),
    // Left alone on update unless given, so a limit set by an operator survives redeploys.
    ...(options.maxAgeMs !== undefined ? { max_age: nanos(options.maxAgeMs) } : {}),
  };
  try {
    await jsm.streams.info(options.name);
  } catch (error) {
    if (!isStreamNotFound(error)) throw error;
    return jsm.streams.add({
      name: options.name,
      ...config,
      storage: StorageType.File,
      // Limits retention: several durable consumers read the same stream independently.
      retention: RetentionPolicy.Limits,
      discard: DiscardPolicy.Old,
    });
  }
  return jsm.streams.update(options.name, config);
}

function isStreamNotFound(error: unknown): boolean {
  if (error instanceof JetStreamApiError) return error.code === JetStreamApiCodes.StreamNotFound;
  return (error as { name?: string })?.name === 'StreamNotFoundError';
}
