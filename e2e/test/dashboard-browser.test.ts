import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { eventually } from '@qurbani/kit/testing';
import { CreateSiteDocument, RecordSacrificePerformedDocument, SeasonDashboardDocument } from '@qurbani/sdk';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { seedDeliveries, seedHides, seedSacrifices, seedVideos, type Execute } from './support/dashboard-seed.js';
import { SEASON_1447 } from './support/season.js';
import { CHROMIUM, CHROMIUM_ARGS } from './support/browser.js';
import { ORGANIZER, startSystem, type System } from './support/system.js';
import { allocatedOrder, trackingWorld, type TrackingWorld } from './support/tracking.js';

// The committed pictures are refreshed on request only, so a test run leaves the work tree clean.
const picture = (name: string) =>
  process.env.UPDATE_SCREENSHOTS
    ? new URL(`../../../docs/${name}`, import.meta.url).pathname
    : join(tmpdir(), `qurbani-${process.pid}-${name}`);
const onThisMachine = (url: string) =>
  /^(data|blob):/.test(url) || /^(https?|wss?):\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//.test(url);

describe('the organizer dashboard page in a real browser', () => {
  let system: System;
  let world: TrackingWorld;
  let sacrificeId: string;
  let userDataDir: string;
  let context: BrowserContext;
  let page: Page;
  let origin: string;
  const requested: string[] = [];
  const pageErrors: string[] = [];
  const tile = (status: string) => page.locator(`[data-testid="sacrifices-${status}"]`);
  const shown = async (status: string) => Number(await tile(status).getAttribute('data-value'));

  before(async () => {
    system = await startSystem();
    world = await trackingWorld(system);
    ({ sacrificeId } = await allocatedOrder(system, world));
    // A season under way around it (rows straight into the databases), so the charts have something to draw.
    const siteIds = [world.siteId];
    for (const [name, timeZone] of [
      ['Dhaka North', 'Asia/Dhaka'],
      ['Kano Central', 'Africa/Lagos'],
    ]) {
      const { createSite } = await world.organizer.client.request(CreateSiteDocument, {
        input: { seasonId: world.seasonId, name: name!, region: name!, timeZone: timeZone! },
      });
      siteIds.push(createSite.id);
    }
    const db = (name: string): Execute => {
      const c = system.subgraphs[name]!.orm.em.getConnection();
      return (sql, params) => c.execute(sql, params as never[]);
    };
    const plan = { seasonId: world.seasonId, siteIds, sacrifices: 240, pendingShares: 0, tag: 'page', now: new Date() };
    await seedSacrifices(db('sacrifice'), plan);
    await seedHides(db('skin'), plan);
    await seedVideos(db('video'), plan);
    await seedDeliveries(db('delivery'), plan);
    origin = new URL(system.gateway.url).origin;
    userDataDir = mkdtempSync(join(tmpdir(), 'qurbani-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      viewport: { width: 1400, height: 900 },
    });
    context.on('request', (request) => requested.push(request.url()));
    context.on('weberror', (error) => pageErrors.push(error.error().message));
    page = context.pages()[0] ?? (await context.newPage());
    page.on('websocket', (socket) => requested.push(socket.url()));
    page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
  });
  after(async () => {
    await context?.close().catch(() => undefined);
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    await system?.close();
  });

  it('signs an organizer in and shows the figures the API returns', async () => {
    await page.goto(`${origin}/dashboard?lang=en`);
    await page.getByTestId('login').fill(ORGANIZER.login);
    await page.getByTestId('password').fill(ORGANIZER.password);
    await page.getByTestId('sign-in').click();
    await tile('ASSIGNED').waitFor({ timeout: 15_000 });
    const { seasonDashboard } = await world.organizer.client.request(SeasonDashboardDocument, {
      seasonId: world.seasonId,
    });
    for (const { status, count } of seasonDashboard.sacrificesByStatus)
      assert.equal(await shown(status), count, status);
    // Orders by payment, videos by status (the verdicts among them) and deliveries: every status a tile.
    for (const [kind, counts] of [
      ['orders', seasonDashboard.ordersByPaymentStatus],
      ['videos', seasonDashboard.videosByStatus],
      ['deliveries', seasonDashboard.deliveriesByStatus],
    ] as const) {
      assert.ok(
        counts.some((c) => c.count > 0),
        `${kind}: the seeded season has some`,
      );
      const tiles = page.getByTestId(kind).locator('.tile');
      assert.equal(await tiles.count(), counts.length, kind);
      for (const { status, count } of counts)
        assert.equal(
          Number(await page.getByTestId(`${kind}-${status}`).getAttribute('data-value')),
          count,
          `${kind} ${status}`,
        );
    }
    assert.equal(
      seasonDashboard.ordersByPaymentStatus.find((c) => c.status === 'PAID')?.count,
      1,
      'the one paid order',
    );
    assert.equal(
      seasonDashboard.videosByStatus.find((c) => c.status === 'FLAGGED')?.count,
      30,
      '240 attempts over 8 statuses',
    );
    assert.equal(
      seasonDashboard.deliveriesByStatus.find((c) => c.status === 'DELIVERED')?.count,
      27,
      'a fifth of 144 packs, less',
    );
    const site = page.getByTestId(`site-${world.siteId}`);
    assert.match(await site.innerText(), /Karachi East/);
    assert.match(await page.getByTestId('deliveries-DELIVERED').innerText(), /Delivered/);
    await page.getByTestId('live').filter({ hasText: 'Live' }).waitFor({ timeout: 10_000 });
  });

  it('shows a sacrifice recorded by the executor without a reload', async (t) => {
    await eventually(async () => system.gateway.live.stats.followedSubjects > 0);
    const before = await shown('PERFORMED');
    const assigned = await shown('ASSIGNED');
    system.now.value = new Date(SEASON_1447.insideWindow);
    const recordedAt = Date.now();
    await world.executor.client.request(RecordSacrificePerformedDocument, { sacrificeId }).finally(() => {
      system.now.value = null;
    });
    await eventually(async () => (await shown('PERFORMED')) === before + 1, 10_000, 20);
    t.diagnostic(`shown ${Date.now() - recordedAt} ms after the mutation returned`);
    assert.equal(await shown('ASSIGNED'), assigned - 1);
    await page.screenshot({ path: picture('dashboard.png'), fullPage: true });
  });

  it('speaks Arabic right to left with the same figures', async () => {
    await page.goto(`${origin}/dashboard?lang=ar`);
    await tile('PERFORMED').waitFor({ timeout: 15_000 });
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    assert.equal(await page.locator('h1').innerText(), 'لوحة الموسم');
    const { seasonDashboard } = await world.organizer.client.request(SeasonDashboardDocument, {
      seasonId: world.seasonId,
    });
    const performed = seasonDashboard.sacrificesByStatus.find((s) => s.status === 'PERFORMED')!.count;
    assert.equal(await shown('PERFORMED'), performed);
    const arabicDigits = [...String(performed)].map((d) => String.fromCharCode(0x0660 + Number(d))).join('');
    assert.match(await tile('PERFORMED').innerText(), new RegExp(arabicDigits), 'Arabic-Indic digits');
    await page.screenshot({ path: picture('dashboard-ar.png'), fullPage: true });
  });

  it('loaded nothing from off the machine and threw no error', async () => {
    assert.deepEqual(
      requested.filter((url) => !onThisMachine(url)),
      [],
    );
    assert.ok(requested.some((url) => url.startsWith(`${origin.replace(/^http/, 'ws')}/graphql`)));
    assert.deepEqual(pageErrors, [], 'the page threw no error');
  });
});
