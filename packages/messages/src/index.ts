export { CATALOGUES } from './catalogue/index.js';
export { missingTranslations, render } from './render.js';
export type { MessageParams, Rendered } from './render.js';
export { SMS_LIMITS, smsSize } from './sms-segments.js';
export type { SmsSize } from './sms-segments.js';
