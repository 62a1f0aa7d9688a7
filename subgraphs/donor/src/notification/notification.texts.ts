/** English wording per notification kind; the producers send only the kind and ids. */
const TEXTS: Readonly<Record<string, (p: Readonly<Record<string, string>>) => string>> = {
  VIDEO_VALIDATED: () => 'The proof video of your sacrifice was checked and validated. You can watch it now.',
  VIDEO_UNDER_REVIEW: () => 'The proof video of your sacrifice is being checked by a reviewer. We will tell you the outcome.',
  VIDEO_APPROVED: () => 'A reviewer approved the proof video of your sacrifice. You can watch it now.',
  VIDEO_REJECTED: () => 'A reviewer asked the executor to record the proof video of your sacrifice again.',
  VIDEO_RETAKE_REQUESTED: (p) => `Please record the proof video again${p.reason ? `: ${p.reason}` : '.'}`,
  MEAT_DELIVERED: () => 'Meat from your sacrifice was delivered to a family in need.',
};

/** The message shown for a notification; unknown kinds still get a neutral line, never nothing. */
export function notificationText(kind: string, params: Readonly<Record<string, string>>): string {
  return TEXTS[kind]?.(params) ?? 'There is news about your order.';
}
