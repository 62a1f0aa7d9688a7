import { ALL_MESSAGE_LANGUAGES, ALL_NOTIFICATION_KINDS, NotificationChannel } from '@qurbani/events';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CATALOGUES } from './catalogue/index.js';
import { missingTranslations, render } from './render.js';
import { smsSize } from './sms-segments.js';

// The longest values a producer sends: a 6-digit PIN, a short tracking link, a reviewer's reason.
const LONGEST = {
  shares: '7',
  stops: '40',
  species: 'CAMEL',
  pin: '048213',
  trackingUrl: 'https://qurbani.example.org/t/9fQx2LmB7kWc',
  reason: 'the knife is not visible in any frame and the names cannot be heard over the wind noise',
};

test('every notification kind has a text in every language', () => {
  const gaps = ALL_MESSAGE_LANGUAGES.flatMap((lang) =>
    ALL_NOTIFICATION_KINDS.filter((kind) => !CATALOGUES[lang].texts[kind]).map((kind) => `${lang}:${kind}`),
  );
  assert.deepEqual(gaps, []);
});

test('every text parses and renders in its language with the values producers send', () => {
  for (const lang of ALL_MESSAGE_LANGUAGES)
    for (const kind of ALL_NOTIFICATION_KINDS) {
      const out = render(kind, lang, LONGEST);
      assert.equal(out.language, lang);
      assert.doesNotMatch(out.text, /[{}]/, `${lang}:${kind} left a placeholder: ${out.text}`);
    }
});

test('plural rules follow the language: Arabic has a dual, English one/other', () => {
  assert.match(render('ORDER_PLACED', 'en', { shares: '1' }).text, /for 1 share is/);
  assert.match(render('ORDER_PLACED', 'en', { shares: '7' }).text, /for 7 shares is/);
  assert.match(render('ORDER_PLACED', 'ar', { shares: '2' }).text, /حصتان/);
  assert.match(render('ORDER_PLACED', 'ar', { shares: '3' }).text, /3 حصص/);
  assert.match(render('ORDER_PLACED', 'ar', { shares: '1' }).text, /حصة واحدة/);
  assert.match(render('SACRIFICE_ASSIGNED', 'fr', { species: 'GOAT' }).text, /chèvre/);
});

test('right-to-left texts isolate the PIN and link so they keep their order; left-to-right ones are untouched', () => {
  const ar = render('FAMILY_DELIVERY_CREATED', 'ar', LONGEST);
  assert.equal(ar.direction, 'rtl');
  assert.ok(ar.text.includes(`\u2068${LONGEST.pin}\u2069`));
  assert.ok(ar.text.includes(`\u2068${LONGEST.trackingUrl}\u2069`));
  const en = render('FAMILY_DELIVERY_CREATED', 'en', LONGEST);
  assert.equal(en.direction, 'ltr');
  assert.ok(en.text.includes(` ${LONGEST.pin}.`));
});

test('every SMS stays within its segment budget, shortening a long reason rather than overflowing', () => {
  for (const lang of ALL_MESSAGE_LANGUAGES)
    for (const kind of ALL_NOTIFICATION_KINDS) {
      const out = render(kind, lang, LONGEST, { channel: NotificationChannel.SMS, smsSegmentBudget: 3 });
      assert.ok(out.sms!.segments <= 3, `${lang}:${kind}: ${out.sms!.segments} parts (${out.sms!.encoding})`);
    }
  // The families' SMS carry the PIN and link whole, in one or two parts.
  for (const lang of ALL_MESSAGE_LANGUAGES)
    for (const kind of ['FAMILY_DELIVERY_CREATED', 'FAMILY_OUT_FOR_DELIVERY'] as const) {
      const out = render(kind, lang, LONGEST, { channel: NotificationChannel.SMS });
      assert.ok(out.text.includes(LONGEST.pin) && out.text.includes(LONGEST.trackingUrl));
      assert.ok(out.sms!.segments <= 2, `${lang}:${kind}: ${out.sms!.segments} parts`);
    }
  const tight = render('VIDEO_RETAKE_REQUESTED', 'ur', { reason: LONGEST.reason.repeat(3) }, { channel: 'SMS' });
  assert.ok(tight.sms!.segments <= 3 && tight.text.includes('…'));
});

test('French and Hausa family texts stay in the GSM 7-bit alphabet; Arabic, Urdu and Bengali go as UCS-2', () => {
  for (const lang of ['en', 'fr', 'ha'] as const)
    assert.equal(smsSize(render('FAMILY_DELIVERY_CREATED', lang, LONGEST).text).encoding, 'GSM7', lang);
  for (const lang of ['ar', 'ur', 'bn'] as const)
    assert.equal(smsSize(render('FAMILY_DELIVERY_CREATED', lang, LONGEST).text).encoding, 'UCS2', lang);
});

test('SMS sizes follow GSM-7 160/153 and UCS-2 70/67, extension characters counting twice', () => {
  assert.deepEqual(smsSize('a'.repeat(160)), { encoding: 'GSM7', units: 160, segments: 1 });
  assert.deepEqual(smsSize('a'.repeat(161)), { encoding: 'GSM7', units: 161, segments: 2 });
  assert.deepEqual(smsSize('€'.repeat(80)), { encoding: 'GSM7', units: 160, segments: 1 });
  assert.deepEqual(smsSize('ب'.repeat(70)), { encoding: 'UCS2', units: 70, segments: 1 });
  assert.deepEqual(smsSize('ب'.repeat(135)), { encoding: 'UCS2', units: 135, segments: 3 });
});

test('a missing translation falls back to English and is counted', () => {
  const texts = CATALOGUES.ha.texts as Record<string, string>;
  const saved = texts.RECEIPT_READY!;
  delete texts.RECEIPT_READY;
  try {
    const before = missingTranslations().get('ha:RECEIPT_READY') ?? 0;
    const out = render('RECEIPT_READY', 'ha', {});
    assert.equal(out.language, 'en');
    assert.equal(out.text, CATALOGUES.en.texts.RECEIPT_READY);
    assert.equal(missingTranslations().get('ha:RECEIPT_READY'), before + 1);
  } finally {
    texts.RECEIPT_READY = saved;
  }
});

test('the payment notice carries the receipt link when it has one, and reads whole without it', () => {
  const url = 'https://qurbani.example/documents/receipts/p/ar/1/s/receipt.pdf';
  assert.match(render('ORDER_PAID', 'en', { receiptUrl: url }).text, /Your receipt: https:\/\/qurbani\.example\//);
  assert.ok(render('ORDER_PAID', 'ar', { receiptUrl: url }).text.includes(`\u2068${url}\u2069`), 'isolated in Arabic');
  assert.ok(!render('ORDER_PAID', 'en', {}).text.includes('receipt'));
});
