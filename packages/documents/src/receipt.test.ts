import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { formatMoney } from './money.js';
import { renderReceipt } from './receipt.js';

// pdftotext marks right-to-left runs with bidi controls; the words between them are what a reader sees.
const textOf = (pdf: Buffer): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'receipt-')), 'r.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(
    /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    '',
  );
};

const receipt = {
  number: 'R-2026-0A1B2C3D',
  paidAt: new Date('2026-05-26T09:30:00Z'),
  amountMinor: 125_050,
  currency: 'SAR',
  refundedMinor: 0,
  provider: 'bank-transfer',
  reference: 'BT-77',
  orderId: '0d1b2c3d-0000-4000-8000-000000000001',
  names: ['Ahmed Khan', 'محمد بن عبد الله', 'فاطمة الزهراء'],
  charity: { name: 'Qurbani Relief', registration: 'CH-1234' },
};

test('minor units are written with the currency and its own number of decimals', () => {
  assert.equal(formatMoney(125_050, 'SAR'), '1,250.50 SAR');
  assert.equal(formatMoney(3000, 'JPY'), '3,000 JPY');
  assert.equal(formatMoney(5, 'KWD'), '0.005 KWD');
});

for (const language of ['en', 'ar'] as const) {
  test(`a ${language} receipt carries the amount, currency and every name as extractable text`, async () => {
    const pdf = await renderReceipt(receipt, language);
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const text = textOf(pdf);
    assert.match(text, /1,250\.50 SAR/);
    for (const name of receipt.names) assert.ok(text.includes(name), `${name} missing from:\n${text}`);
    assert.ok(text.includes(language === 'ar' ? 'إيصال تبرع' : 'Donation receipt'));
  });
}
