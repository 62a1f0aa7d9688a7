/** Test helpers of every service: throw-away runs, calls as the gateway would, clips. */
export { signViewerToken } from '../viewer.js';
export { VIEWER_HEADER } from '../http-contract.js';
export * from './support.js';
export * from './harness.js';
export * from './clips.js';
