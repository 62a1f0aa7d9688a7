import { createObjectStore, type ObjectStore } from '@qurbani/storage';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

/** A file the model service can open, and how to clean it up. */
export interface LocalVideo {
  path: string;
  release(): Promise<void>;
}

/**
 * Gives the model service a path to the original: the object itself on a local-disk store, or a
 * temporary copy for a store without local paths (S3). The model service must see the same disk.
 */
export class MediaFiles {
  readonly store: ObjectStore;

  constructor(mediaRoot?: string) {
    this.store = createObjectStore({ MEDIA_ROOT: mediaRoot });
  }

  async open(key: string, signal?: AbortSignal): Promise<LocalVideo> {
    const local = this.store.localPath(key);
    if (local) {
      if (!(await this.store.stat(key))) throw new Error(`object ${key} is missing from ${this.store.name}`);
      return { path: local, release: async () => undefined };
    }
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
