import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { eventually } from '@qurbani/kit/testing';
import {
  AddAnimalsDocument,
  AllocateSharesDocument,
  CreateSeasonDocument,
  CreateSiteDocument,
  OrderMoneyDocument,
  PlaceOrderDocument,
  RecordPaymentDocument,
  SetSharePriceDocument,
  SharePricesDocument,
  SiteSacrificesDocument,
  type ApiResult,
} from '@qurbani/sdk';
import { registerDonor, signInOrganizer, type Actor } from './support/season.js';
import { startSystem, type System } from './support/system.js';

const codeOf = (result: ApiResult<unknown>) => result.errors?.[0]?.extensions?.code;
const fieldOf = (result: ApiResult<unknown>) => result.errors?.[0]?.extensions?.field;
const COW_PRICE = 95_000;

describe('money: the charity prices shares, only paid shares reach an animal, unpaid orders expire', () => {
  let system: System;
  let organizer: Actor;
  let amina: Actor;
  let karim: Actor;
  let seasonId: string;
  let siteId: string;
  let paidOrderId: string;
  let unpaidOrderId: string;
  const sacrificeDb = () => system.subgraphs.sacrifice!.orm.em.fork().getConnection();

  before(async () => {
    system = await startSystem({ overrides: { donor: { orderHoldMinutes: 30, orderExpirySweepSeconds: 1 } } });
    organizer = await signInOrganizer(system);
    amina = await registerDonor(system, 'Amina');
    karim = await registerDonor(system, 'Karim');
    const { createSeason } = await organizer.client.request(CreateSeasonDocument, {
      input: { name: `Eid 1447 ${randomUUID().slice(0, 6)}`, hijriYear: 1447 },
    });
    seasonId = createSeason.id;
    const { createSite } = await organizer.client.request(CreateSiteDocument, {
      input: { seasonId, name: 'Karachi East', region: 'Sindh', timeZone: 'Asia/Karachi' },
    });
    siteId = createSite.id;
  });
  after(() => system?.close());

  it('lets organizers alone set a price, in one currency per site, and every signed-in account read the list', async () => {
    const cow = { siteId, species: 'COW' as const, amountMinor: COW_PRICE, currency: 'pkr' };
    assert.equal(codeOf(await amina.client.execute(SetSharePriceDocument, { input: cow })), 'FORBIDDEN');
    const { setSharePrice } = await organizer.client.request(SetSharePriceDocument, { input: cow });
    assert.deepEqual([setSharePrice.amountMinor, setSharePrice.currency, setSharePrice.version], [COW_PRICE, 'PKR', 1]);
    const euros = await organizer.client.execute(SetSharePriceDocument, {
      input: { siteId, species: 'SHEEP', amountMinor: 30_000, currency: 'EUR' },
    });
    assert.equal(codeOf(euros), 'BAD_USER_INPUT', 'a site sells in one currency');
    assert.equal(fieldOf(euros), 'currency');
    const { sharePrices } = await amina.client.request(SharePricesDocument, { seasonId });
    assert.deepEqual(
      sharePrices.map((p) => [p.siteName, p.species, p.amountMinor, p.currency]),
      [['Karachi East', 'COW', COW_PRICE, 'PKR']],
    );
    assert.equal(codeOf(await system.client().execute(SharePricesDocument, { seasonId })), 'UNAUTHENTICATED');
  });

  it('refuses an order that names its own price, and prices 2 cow shares plus a donation itself', async () => {
    const input = {
      clientRequestId: randomUUID(),
      siteId,
      species: 'COW' as const,
      shares: ['Yusuf Ali', 'Khadija Ali'],
    };
    const cheap = await amina.client.execute(PlaceOrderDocument, {
      input: { ...input, amountMinor: 1, currency: 'PKR' },
    });
    assert.equal(codeOf(cheap), 'BAD_USER_INPUT');
    assert.equal(fieldOf(cheap), 'amountMinor');
    // The donor subgraph prices from its copy of the list, which `sacrifice.price-set` fills.
    const placed = await eventually(async () => {
      const res = await amina.client.execute(PlaceOrderDocument, { input: { ...input, donationMinor: 5_000 } });
      return res.data?.placeOrder;
    });
    assert.equal(placed.amountMinor, 2 * COW_PRICE + 5_000);
    assert.deepEqual([placed.unitPriceMinor, placed.donationMinor, placed.currency], [COW_PRICE, 5_000, 'PKR']);
    assert.equal(placed.paymentStatus, 'PENDING');
    const holdMinutes = (Date.parse(placed.expiresAt!) - Date.now()) / 60_000;
    assert.ok(holdMinutes > 29 && holdMinutes <= 30, `holds its shares 30 minutes (${holdMinutes})`);
    paidOrderId = placed.id;
    const { placeOrder } = await karim.client.request(PlaceOrderDocument, {
      input: { clientRequestId: randomUUID(), siteId, species: 'COW', shares: ['Bilal Unpaid'] },
    });
    unpaidOrderId = placeOrder.id;
  });

  it('allocates no unpaid share, then only the paid order once its offline payment is recorded', async () => {
    await organizer.client.request(AddAnimalsDocument, {
      siteId,
      species: 'COW',
      animals: [{ tag: 'COW-1', weightKg: 300 }],
    });
    await eventually(async () => {
      const [row] = await sacrificeDb().execute<{ n: string }[]>(
        'select count(*) as n from order_share where order_id in (?, ?)',
        [paidOrderId, unpaidOrderId],
      );
      return Number(row?.n) === 3;
    });
    const before = await organizer.client.request(AllocateSharesDocument, { seasonId });
    assert.equal(before.allocateShares.sharesAllocated, 0, 'nothing is paid yet');

    const { recordPayment } = await organizer.client.request(RecordPaymentDocument, {
      input: {
        orderId: paidOrderId,
        amountMinor: 2 * COW_PRICE + 5_000,
        currency: 'PKR',
        provider: 'bank-transfer',
        reference: `HBL-${paidOrderId}`,
      },
    });
    assert.equal(recordPayment.paymentStatus, 'PAID');
    await eventually(
      // `eventually` stops on anything but undefined/false: a count of 0 would not wait.
      async () =>
        (await sacrificeDb().execute('select 1 from paid_order where order_id = ?', [paidOrderId])).length > 0,
    );
    const after = await organizer.client.request(AllocateSharesDocument, { seasonId });
    assert.equal(after.allocateShares.sharesAllocated, 2);
    const { sacrifices } = await organizer.client.request(SiteSacrificesDocument, { siteId });
    assert.deepEqual(
      sacrifices.edges.map((e) => e.node.namesToPronounce),
      [['Yusuf Ali', 'Khadija Ali']],
      "the unpaid order's name is not on the animal",
    );
  });

  it('expires the unpaid order after its hold, frees its share and takes no payment for it', async () => {
    system.now.value = new Date(Date.now() + 31 * 60_000);
    try {
      const expired = await eventually(async () => {
        const { order } = await karim.client.request(OrderMoneyDocument, { id: unpaidOrderId });
        return order.status === 'EXPIRED' && order;
      });
      assert.equal(expired.paymentStatus, 'PENDING');
      await eventually(async () => {
        const rows = await sacrificeDb().execute('select 1 from order_share where order_id = ?', [unpaidOrderId]);
        return rows.length === 0;
      });
      const late = await organizer.client.execute(RecordPaymentDocument, {
        input: { orderId: unpaidOrderId, amountMinor: COW_PRICE, currency: 'PKR', provider: 'cash', reference: 'late' },
      });
      assert.equal(codeOf(late), 'CONFLICT');
      const { order: paid } = await amina.client.request(OrderMoneyDocument, { id: paidOrderId });
      assert.notEqual(paid.status, 'EXPIRED', 'a paid order never expires');
    } finally {
      system.now.value = null;
    }
  });
});
