import { MessageLanguage, NotificationChannel, type NotificationKind } from '@qurbani/events';
import { IntlMessageFormat } from 'intl-messageformat';
import { CATALOGUES } from './catalogue/index.js';
import { smsSize, type SmsSize } from './sms-segments.js';

/** A message ready for one channel. */
export interface Rendered {
  readonly title: string;
  readonly text: string;
  /** The language the text is in: the asked one, or English when it lacked this kind. */
  readonly language: MessageLanguage;
  readonly direction: 'rtl' | 'ltr';
  /** Set for SMS: its encoding and parts. */
  readonly sms?: SmsSize;
}

export type MessageParams = Readonly<Record<string, string | number>>;

const RTL: ReadonlySet<MessageLanguage> = new Set([MessageLanguage.AR, MessageLanguage.UR]);
// Values that are free text from people (a reviewer's reason): shortened, never dropped, to fit an SMS.
const SHORTENABLE = ['reason'] as const;
const formats = new Map<string, IntlMessageFormat>();
const missing = new Map<string, number>();

/** Texts asked for in a language that lacked them (served in English), per `language:kind`. */
export const missingTranslations = (): ReadonlyMap<string, number> => missing;

/**
 * The text of `kind` in `language` (English when that language lacks it, counted in
 * `missingTranslations`). In right-to-left languages each inserted value is wrapped in Unicode
 * isolates, so a PIN or a link keeps its order inside Arabic or Urdu text. For SMS, free-text values
 * are shortened until the message fits `smsSegmentBudget` parts.
 */
export function render(
  kind: NotificationKind,
  language: MessageLanguage,
  params: MessageParams,
  options: { channel?: NotificationChannel; smsSegmentBudget?: number } = {},
): Rendered {
  const asked = CATALOGUES[language] ?? CATALOGUES.en;
  const source = asked.texts[kind];
  const used: MessageLanguage = source ? language : MessageLanguage.EN;
  if (!source) missing.set(`${language}:${kind}`, (missing.get(`${language}:${kind}`) ?? 0) + 1);
  const catalogue = CATALOGUES[used];
  const direction = RTL.has(used) ? 'rtl' : 'ltr';
  const values = { reason: 'none', receiptUrl: 'none', ...params };
  const format = (v: MessageParams) => formatted(used, kind, catalogue.texts[kind], isolate(v, direction));
  let text = format(values);
  if (options.channel !== NotificationChannel.SMS) return { title: catalogue.title, text, language: used, direction };
  const budget = options.smsSegmentBudget ?? 3;
  for (const key of SHORTENABLE) {
    let value = String(values[key] ?? '');
    while (smsSize(text).segments > budget && value.length > 8 && value !== 'none') {
      value = `${[...value].slice(0, Math.floor([...value].length * 0.8)).join('')}…`;
      text = format({ ...values, [key]: value });
    }
  }
  return { title: catalogue.title, text, language: used, direction, sms: smsSize(text) };
}

function formatted(language: MessageLanguage, kind: string, source: string | undefined, values: MessageParams): string {
  // A kind from a newer producer than this catalogue still says something: the title.
  if (!source) return CATALOGUES[language].title;
  const key = `${language}:${kind}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new IntlMessageFormat(source, language)));
  return String(format.format(values));
}

// Values written into the text as they are (not select or plural keys).
const INSERTED = new Set(['pin', 'trackingUrl', 'reason', 'receiptUrl']);
const COUNTS = new Set(['shares', 'stops']);

// Counts arrive as strings in events; plural rules need numbers. In right-to-left text each inserted
// value sits between U+2068 FIRST STRONG ISOLATE and U+2069 POP DIRECTIONAL ISOLATE.
const isolate = (values: MessageParams, direction: 'rtl' | 'ltr'): MessageParams =>
  Object.fromEntries(
    Object.entries(values).map(([k, v]) => {
      if (COUNTS.has(k)) return [k, Number(v)];
      const wrap = direction === 'rtl' && INSERTED.has(k) && v !== 'none';
      return [k, wrap ? `\u2068${v}\u2069` : v];
    }),
  );
