import type { Readable } from 'node:stream';

/** What is known about one stored object. */
export interface ObjectStat {
  readonly key: string;
  readonly size: number;
  readonly modifiedAt: Date;
}

/** An inclusive byte range, as in an HTTP `Range: bytes=start-end` header. */
export interface ByteRange {
  readonly start: number;
  /** Inclusive; omitted means "to the end". */
  readonly end?: number;
}

export interface PutOptions {
  /** MIME type; local stores derive it from the extension instead, S3 stores keep it as metadata. */
  readonly contentType?: string;
}

export interface PutFileOptions extends PutOptions {
  /** Remove the source file once stored (a rename on the same local filesystem). */
  readonly move?: boolean;
}

/**
 * Where media objects live. Keys are `/`-separated paths of `[A-Za-z0-9._-]` segments
 * (e.g. `videos/<id>/hls/480p/index.m3u8`); no leading slash, no `..`.
 *
 * Two implementations: {@link LocalDiskStore} (a directory) and {@link S3ObjectStore} (a bucket of an
 * S3-compatible server), chosen by configuration (`createMediaStores`). Consumers that need a file
 * (ffmpeg) use `localPath` and download the object when it is `null`; a consumer in another process
 * (the model service) gets `readUrl` when the store has one.
 */
export interface ObjectStore {
  /** A short label for logs ("local:/srv/media"). */
  readonly name: string;
  /** Streams `body` into `key`, replacing what was there; the object appears only when complete. */
  put(key: string, body: Readable | AsyncIterable<Uint8Array>, options?: PutOptions): Promise<ObjectStat>;
  /** Stores a finished local file under `key`. */
  putFile(key: string, filePath: string, options?: PutFileOptions): Promise<ObjectStat>;
  /** Reads an object (or a byte range of it). Rejects with a {@link NotFoundError} when absent. */
  get(key: string, range?: ByteRange): Promise<Readable>;
  /** Size and time of an object, or `null` when absent. */
  stat(key: string): Promise<ObjectStat | null>;
  /** Removes an object; absent objects are not an error. */
  delete(key: string): Promise<void>;
  /** Every object whose key starts with `prefix` (use a trailing `/` for a "folder"). */
  list(prefix: string): Promise<ObjectStat[]>;
  /** The object's path on local disk when this store is a local directory, else `null`. */
  localPath(key: string): string | null;
  /** A URL another process may GET the object from for `seconds` (presigned), or `null` when the store has none. */
  readUrl(key: string, seconds: number): Promise<string | null>;
}

/** Raised by {@link ObjectStore.get} for a key that does not exist. */
export class NotFoundError extends Error {
  readonly code = 'ENOENT';
  constructor(readonly key: string) {
    super(`object not found: ${key}`);
  }
}

const SEGMENT = /^[A-Za-z0-9._-]+$/;

/** Throws unless `key` is a safe relative object key (no traversal, no empty segments). */
export function assertValidKey(key: string): void {
  const segments = key.split('/');
  // Segments may not start with a dot: no traversal, and local stores keep their scratch space in dot-dirs.
  const ok = key.length > 0 && key.length <= 512 && segments.every((s) => SEGMENT.test(s) && !s.startsWith('.'));
  if (!ok) throw new Error(`invalid object key: ${JSON.stringify(key)}`);
}
