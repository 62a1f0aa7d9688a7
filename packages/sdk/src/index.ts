export * from './audit.js';
export * from './client.js';
export * from './delivery-photo.js';
export * from './exports.js';
export * from './generated/graphql.js';
export * from './live.js';
export * from './positions.js';
export * from './video-upload.js';
