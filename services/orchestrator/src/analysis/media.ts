import { createObjectStore, type ObjectStore, type StorageConfig } from '@qurbani/storage';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

/** Where the model service reads the original: a path on a shared disk, or a presigned URL. */
type VideoSource = { path: string; url?: undefined } | { url: string; path?: undefined };

/** A video the model service can read, and how to clean up after it. */
export type ModelVideo = VideoSource & { release(): Promise<void> };

/** A presigned URL outlives the slowest analysis (the model service gives up at 300 s) and its queue. */
const URL_SECONDS = 15 * 60;

/**
 * Gives the model service the original: a presigned URL on a bucket (no shared disk needed), the
 * object's own path on a local-disk store (the model service must see the same disk), else a
 * temporary copy.
 */
export class MediaFiles {
  readonly store: ObjectStore;

  constructor(storage?: StorageConfig) {
    this.store = createObjectStore(storage);
  }

  async open(key: string, signal?: AbortSignal): Promise<ModelVideo> {
    const release = async () => undefined;
    const local = this.store.localPath(key);
    if (local) {
      if (!(await this.store.stat(key))) throw new Error(`object ${key} is missing from ${this.store.name}`);
      return { path: local, release };
    }
    if (!(await this.store.stat(key))) throw new Error(`object ${key} is missing from ${this.store.name}`);
    const url = await this.store.readUrl(key, URL_SECONDS);
    if (url) return { url, release };
    const dir = await mkdtemp(join(tmpdir(), 'orchestrator-'));
    const path = join(dir, 'video');
    try {
      await pipeline(await this.store.get(key), createWriteStream(path), { signal });
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    return { path, release: () => rm(dir, { recursive: true, force: true }) };
  }
}
