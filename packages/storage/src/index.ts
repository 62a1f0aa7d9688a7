export { assertValidKey, NotFoundError } from './object-store.js';
export type { ByteRange, ObjectStat, ObjectStore, PutFileOptions, PutOptions } from './object-store.js';
export { LocalDiskStore } from './local-disk-store.js';
export { S3ObjectStore } from './s3-object-store.js';
export { s3Client } from './s3-client.js';
export type { S3Settings } from './s3-client.js';
export { createMediaStores, createObjectStore, mediaDir, REPO_ROOT, storeAt } from './config.js';
export type { MediaStores, StorageConfig } from './config.js';
export { contentTypeOf } from './content-type.js';
