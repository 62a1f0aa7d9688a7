import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalDiskStore } from './local-disk-store.js';
import type { ObjectStore } from './object-store.js';

/** The repository root (this file is `packages/storage/dist/src/config.js`), whatever the cwd. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** Environment-shaped settings; a service passes `process.env` or a test its own values. */
export interface StorageConfig {
  /** Hot store for originals and renditions; default `var/media` at the repository root. */
  readonly MEDIA_ROOT?: string;
  /** Cold (archive) store; default `var/media-cold` at the repository root. */
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

/**
 * The store for one tier. Only local directories today; an S3-compatible store would be chosen
 * here by a URL-shaped value (`s3://bucket/prefix`), see {@link ObjectStore}.
 */
export function createObjectStore(config: StorageConfig = {}, tier: 'hot' | 'cold' = 'hot'): ObjectStore {
  return tier === 'hot'
    ? new LocalDiskStore(mediaDir(config.MEDIA_ROOT, 'var/media'))
    : new LocalDiskStore(mediaDir(config.MEDIA_COLD_ROOT, 'var/media-cold'));
}

/** Both tiers from one configuration. */
export function createMediaStores(config: StorageConfig = {}): MediaStores {
  return { hot: createObjectStore(config, 'hot'), cold: createObjectStore(config, 'cold') };
}
