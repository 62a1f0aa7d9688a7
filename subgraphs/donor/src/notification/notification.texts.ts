import type { NotificationKind } from '@qurbani/events';

type Params = Readonly<Record<string, string>>;

/** English wording per notification kind; the producers send only the kind and ids. Every kind has one, or this does not compile. */
const TEXTS: Readonly<Record<NotificationKind, (p: Params) => string>> = {
  VIDEO_VALIDATED: () => 'The proof video of your sacrifice was checked and validated. You can watch it now.',
  VIDEO_UNDER_REVIEW: () =>
    'The proof video of your sacrifice is being checked by a reviewer. We will tell you the outcome.',
  VIDEO_APPROVED: () => 'A reviewer approved the proof video of your sacrifice. You can watch it now.',
  VIDEO_REJECTED: () => 'A reviewer asked the executor to record the proof video of your sacrifice again.',
  VIDEO_RETAKE_REQUESTED: (p) => `Please record the proof video again${p.reason ? `: ${p.reason}` : '.'}`,
  VIDEO_UPLOAD_REJECTED: (p) =>
    `The proof video file could not be used${p.reason ? `: ${p.reason}` : '.'} Please record or send it again.`,
  HIDE_AT_RISK: () => 'A hide you collected must be salted within the hour, or it will spoil.',
  HIDE_SPOILED: () => 'A hide you collected passed its deadline unsalted and was marked spoiled.',
  'meat.delivered': () => 'Meat from your sacrifice was delivered to a family in need.',
};

/** The message shown for a notification; a kind from a newer producer still gets a neutral line, never nothing. */
export function notificationText(kind: string, params: Params): string {
  return TEXTS[kind as NotificationKind]?.(params) ?? 'There is news about your order.';
}
