import 'reflect-metadata';

export * from './authz.js';
export * from './connection.js';
export * from './context.js';
export * from './crypto.js';
export * from './env.js';
export * from './errors.js';
export * from './federation.js';
export * from './ids.js';
export * from './phone.js';
export * from './loaders.js';
export * from './orm.js';
export * from './server.js';
export * from './tracking-link.js';
export * from './viewer.js';
