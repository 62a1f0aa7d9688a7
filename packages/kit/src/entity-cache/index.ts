export * from './cached-loader.js';
export * from './entity-cache.js';
export * from './invalidate-on-commit.js';
export * from './redis.js';
