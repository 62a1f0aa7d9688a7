import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventually } from '@qurbani/kit/testing';
import { MyNotificationsDocument, PaymentReceiptsDocument, RecordPaymentDocument } from '@qurbani/sdk';
import { createSeasonAndSite, placeOrder, registerDonor, signInOrganizer, type Actor } from './support/season.js';
import { startSystem, type System } from './support/system.js';

const NAMES = ['Yusuf Ali', 'محمد بن عبد الله', 'فاطمة الزهراء'];
const LINK_TTL_SECONDS = 3;

// pdftotext wraps right-to-left runs in bidi controls; the words between them are what a reader sees.
function pdfText(pdf: Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'receipt-e2e-')), 'receipt.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(
    /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    '',
  );
}

describe('donation receipts: a signed link per payment, a PDF in the donor language', () => {
  let system: System;
  let organizer: Actor;
  let amina: Actor;
  let karim: Actor;
  let orderId: string;
  let origin: string;
  const fetchLink = (url: string) => fetch(new URL(url, origin));
  const receiptLink = async (actor: Actor, language: 'EN' | 'AR') => {
    const { order } = await actor.client.request(PaymentReceiptsDocument, { orderId, language });
    return order?.payments[0]?.receipt;
  };

  before(async () => {
    system = await startSystem({ overrides: { donor: { receiptLinkTtlSeconds: LINK_TTL_SECONDS } } });
    origin = new URL(system.gateway.url).origin;
    organizer = await signInOrganizer(system);
    amina = await registerDonor(system, 'Amina');
    karim = await registerDonor(system, 'Karim');
    await createSeasonAndSite(organizer, system);
    const order = await placeOrder(amina, 'COW', NAMES);
    orderId = order.id;
    await organizer.client.request(RecordPaymentDocument, {
      input: {
        orderId,
        amountMinor: order.amountMinor,
        currency: order.currency,
        provider: 'bank-transfer',
        reference: `BT-${orderId}`,
      },
    });
  });
  after(() => system?.close());

  for (const language of ['EN', 'AR'] as const) {
    it(`gives the donor a ${language} receipt whose text carries the amount, currency and every name`, async () => {
      const link = await receiptLink(amina, language);
      assert.ok(link, 'a paid payment has a receipt link');
      assert.ok(Date.parse(link.expiresAt) > Date.now());
      const answer = await fetchLink(link.url);
      assert.equal(answer.status, 200);
      assert.equal(answer.headers.get('content-type'), 'application/pdf');
      const pdf = Buffer.from(await answer.arrayBuffer());
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
      const text = pdfText(pdf);
      assert.match(text, /750\.00 GBP/, 'three cow shares at 250.00 GBP');
      for (const name of NAMES) assert.ok(text.includes(name), `${name} is on the receipt:\n${text}`);
      assert.ok(text.includes(language === 'AR' ? 'إيصال تبرع' : 'Donation receipt'));
    });
  }

  it('gives an organizer a link too, and another donor none', async () => {
    assert.ok(await receiptLink(organizer, 'EN'));
    const asKarim = await karim.client.execute(PaymentReceiptsDocument, { orderId, language: 'EN' });
    assert.equal(asKarim.errors?.[0]?.extensions?.code, 'NOT_FOUND', "Karim cannot reach Amina's order");
    assert.equal(asKarim.data?.order?.payments[0]?.receipt ?? null, null, 'nor its receipt');
  });

  it('refuses a tampered link, an expired one and a path that climbs out', async () => {
    const link = (await receiptLink(amina, 'EN'))!;
    const parts = link.url.split('/');
    const otherPayment = [...parts];
    otherPayment[3] = '00000000-0000-4000-8000-000000000000';
    const longer = [...parts];
    longer[5] = String(Number(longer[5]) + 3600);
    const forged = [...parts];
    forged[6] = `${forged[6]!.slice(0, -2)}AA`;
    for (const tampered of [otherPayment, longer, forged]) {
      const answer = await fetchLink(tampered.join('/'));
      assert.equal(answer.status, 403, tampered.join('/'));
      assert.equal(
        ((await answer.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code,
        'FORBIDDEN',
      );
    }
    for (const escape of [
      '/documents/receipts/%2e%2e/%2e%2e/graphql?query=%7B_service%7Bsdl%7D%7D',
      '/documents/receipts/..%2f..%2fgraphql',
      '/documents/receipts/%252e%252e/x',
    ]) {
      const answer = await fetchLink(escape);
      assert.ok([400, 404].includes(answer.status), `${escape}: ${answer.status}`);
      assert.ok(!(await answer.text()).includes('_service'), 'never reaches a subgraph route');
    }
    await sleep((LINK_TTL_SECONDS + 1) * 1000);
    const stale = await fetchLink(link.url);
    assert.equal(stale.status, 403);
    assert.match(await stale.text(), /expired/);
  });

  it('tells the donor the payment arrived, with a working receipt link', async () => {
    const notification = await eventually(async () => {
      const { myNotifications } = await amina.client.request(MyNotificationsDocument, { first: 20 });
      return myNotifications.edges.map((e) => e.node).find((n) => n.kind === 'ORDER_PAID');
    });
    const url = notification.params.find((p) => p.key === 'receiptUrl')?.value;
    assert.ok(url, 'the notification carries the receipt link');
    assert.ok(notification.text.includes(url), 'and its text too (what the e-mail says)');
    // The link names the configured public origin; this test's gateway listens elsewhere.
    assert.equal(new URL(url).origin, 'http://localhost:4000');
    const answer = await fetchLink(new URL(url).pathname);
    assert.equal(answer.status, 200, 'the notified link outlives the short API link');
    assert.ok(pdfText(Buffer.from(await answer.arrayBuffer())).includes('Yusuf Ali'));
  });
});
