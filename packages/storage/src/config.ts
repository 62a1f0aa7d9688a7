import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalDiskStore } from './local-disk-store.js';
import type { ObjectStore } from './object-store.js';
import { s3Client, type S3Settings } from './s3-client.js';
import { S3ObjectStore } from './s3-object-store.js';

/** The repository root (this file is `packages/storage/dist/src/config.js`), whatever the cwd. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** Environment-shaped settings; a service passes its parsed env or a test its own values. */
export interface StorageConfig extends S3Settings {
  /**
   * Hot store for originals and renditions: a directory (default `var/media` at the repository root)
   * or a bucket, `s3://bucket/optional/prefix` (then the `S3_*` settings say which server).
   */
  readonly MEDIA_ROOT?: string;
  /** Cold (archive) store, the same way; default `var/media-cold` at the repository root. */
  readonly MEDIA_COLD_ROOT?: string;
}

/** The two tiers a video's objects move between. */
export interface MediaStores {
  readonly hot: ObjectStore;
  readonly cold: ObjectStore;
}

/** Resolves a configured directory: relative paths are taken from the repository root. */
export function mediaDir(value: string | undefined, fallback: string): string {
  const dir = value && value.length > 0 ? value : fallback;
  return isAbsolute(dir) ? dir : resolve(REPO_ROOT, dir);
}

const S3_URL = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/;

/** The store one location names: `s3://bucket/prefix` is a bucket, anything else a directory. */
export function storeAt(location: string, config: S3Settings = {}): ObjectStore {
  if (!location.startsWith('s3://')) return new LocalDiskStore(mediaDir(location, location));
  const match = S3_URL.exec(location);
  if (!match) throw new Error(`not a bucket location: ${location} (expected s3://bucket/optional/prefix)`);
  return new S3ObjectStore(s3Client(config), match[1]!, match[2] ?? '');
}

/** The store for one tier, a directory or a bucket by its configured location. */
export function createObjectStore(config: StorageConfig = {}, tier: 'hot' | 'cold' = 'hot'): ObjectStore {
  const location = tier === 'hot' ? config.MEDIA_ROOT : config.MEDIA_COLD_ROOT;
  return storeAt(location || (tier === 'hot' ? 'var/media' : 'var/media-cold'), config);
}

/** Both tiers from one configuration. */
export function createMediaStores(config: StorageConfig = {}): MediaStores {
  return { hot: createObjectStore(config, 'hot'), cold: createObjectStore(config, 'cold') };
}
