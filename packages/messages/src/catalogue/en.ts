import type { CompleteCatalogue } from './types.js';

// `{reason, select, none {...} other {...}}`: producers send `none` when there is no reason.
export const en: CompleteCatalogue = {
  title: 'Qurbani update',
  texts: {
    ORDER_PLACED:
      'Your order for {shares, plural, one {# share} other {# shares}} is placed. We will tell you when it is paid.',
    ORDER_PAID:
      'Payment received for your order. Thank you! Your shares will be allocated to an animal soon.{receiptUrl, select, none {} other { Your receipt: {receiptUrl}}}',
    SHARE_ALLOCATED: 'Your share is allocated to an animal. We will tell you when the sacrifice is done.',
    ANIMAL_REPLACED:
      'The animal chosen for your share could not be sacrificed. Another healthy animal of the same kind takes its place; nothing changes for you.',
    SACRIFICE_PERFORMED: 'Your sacrifice has been performed. Its proof video is being checked.',
    VIDEO_VALIDATED: 'The proof video of your sacrifice was checked and validated. You can watch it now.',
    VIDEO_UNDER_REVIEW:
      'The proof video of your sacrifice is being checked by a reviewer. We will tell you the outcome.',
    VIDEO_APPROVED: 'A reviewer approved the proof video of your sacrifice. You can watch it now.',
    VIDEO_REJECTED: 'A reviewer asked the executor to record the proof video of your sacrifice again.',
    RECEIPT_READY: 'Your receipt is ready. You can download it from your order.',
    'meat.delivered': 'Meat from your sacrifice was delivered to a family in need.',
    SACRIFICE_ASSIGNED:
      'You have a new sacrifice to perform ({species, select, SHEEP {sheep} GOAT {goat} COW {cow} CAMEL {camel} other {animal}}). Open the app to see the names to pronounce.',
    VIDEO_RETAKE_REQUESTED: 'Please record the proof video again{reason, select, none {.} other {: {reason}}}',
    VIDEO_UPLOAD_REJECTED:
      'The proof video file could not be used{reason, select, none {.} other {: {reason}.}} Please record or send it again.',
    HIDE_AT_RISK: 'A hide you collected must be salted soon, or it will spoil.',
    HIDE_SPOILED: 'A hide you collected passed its deadline unsalted and was marked spoiled.',
    ROUTE_ASSIGNED:
      'You have a new delivery route with {stops, plural, one {# stop} other {# stops}}. Open the app to start.',
    FAMILY_DELIVERY_CREATED:
      'Eid Mubarak! A qurbani meat pack is coming to you. Give this PIN to the driver: {pin}. Track: {trackingUrl}',
    FAMILY_OUT_FOR_DELIVERY: 'Your qurbani meat pack is on its way. PIN for the driver: {pin}. Track: {trackingUrl}',
  },
};
