export { startTestS3, type TestS3 } from './s3rver.js';
export { startTestSwift, swiftInstalled } from './swift.js';
