export { assertValidKey, NotFoundError } from './object-store.js';
export type { ByteRange, ObjectStat, ObjectStore, PutFileOptions, PutOptions } from './object-store.js';
export { LocalDiskStore } from './local-disk-store.js';
export { createMediaStores, createObjectStore, mediaDir, REPO_ROOT } from './config.js';
export type { MediaStores, StorageConfig } from './config.js';
export { contentTypeOf } from './content-type.js';
