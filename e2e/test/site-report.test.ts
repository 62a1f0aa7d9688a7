import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { RecordSacrificePerformedDocument, SiteDayReportDocument } from '@qurbani/sdk';
import { seedDeliveries, seedHides, seedSacrifices, type Execute } from './support/dashboard-seed.js';
import { SEASON_1447 } from './support/season.js';
import { startSystem, type System } from './support/system.js';
import { allocatedOrder, trackingWorld, type TrackingWorld } from './support/tracking.js';

const DAY = '2026-05-27';

function pdfText(pdf: Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'site-report-e2e-')), 'report.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', file, '-'], { encoding: 'utf8' }).replace(
    /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    '',
  );
}

describe("a site's daily report: a PDF with its figures per hour, by status, deliveries and hides", () => {
  let system: System;
  let world: TrackingWorld;
  let donorToken: string;
  let origin: string;
  const report = (token: string | null, lang = 'en', date = DAY, siteId = world.siteId) =>
    fetch(`${origin}/reports/sites/${siteId}/${date}.pdf?lang=${lang}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  before(async () => {
    system = await startSystem();
    origin = new URL(system.gateway.url).origin;
    world = await trackingWorld(system);
    const { sacrificeId, donor } = await allocatedOrder(system, world);
    donorToken = donor.token;
    // 05:00Z is 10:00 in Karachi on the 27th.
    system.now.value = new Date(SEASON_1447.insideWindow);
    await world.executor.client.request(RecordSacrificePerformedDocument, { sacrificeId }).finally(() => {
      system.now.value = null;
    });
    // The rest of the day straight into the databases: performed from 14:00 to 17:00 local, packs and hides.
    const db = (name: string): Execute => {
      const c = system.subgraphs[name]!.orm.em.getConnection();
      return (sql, params) => c.execute(sql, params as never[]);
    };
    const plan = {
      seasonId: world.seasonId,
      siteIds: [world.siteId],
      sacrifices: 60,
      pendingShares: 0,
      tag: 'report',
      now: new Date('2026-05-27T12:00:00Z'),
    };
    await seedSacrifices(db('sacrifice'), plan);
    await seedHides(db('skin'), plan);
    await seedDeliveries(db('delivery'), plan);
  });
  after(() => system?.close());

  it('draws the figures the API gives for that local day, in English', async () => {
    const { siteDayReport: figures } = await world.organizer.client.request(SiteDayReportDocument, {
      siteId: world.siteId,
      date: DAY,
    });
    assert.equal(figures.timeZone, 'Asia/Karachi');
    assert.equal(figures.from, '2026-05-26T19:00:00.000Z', 'local midnight in Karachi');
    assert.equal(figures.performedByHour.length, 24);
    assert.equal(figures.performedByHour[10], 1, 'the one recorded through the API, at 10:00 local');
    const performed = figures.performedByHour.reduce((a, b) => a + b, 0);
    assert.equal(performed, 1 + 36, 'and 36 of the 60 seeded ones (statuses PERFORMED, VERIFIED, FLAGGED)');
    assert.equal(
      figures.performedByStatus.reduce((n, s) => n + s.count, 0),
      performed,
      'every performed one has a verdict status',
    );
    assert.ok(figures.deliveriesByStatus.some((d) => d.count > 0));
    assert.ok(figures.hidesByStatus.some((h) => h.count > 0));

    const answer = await report(world.organizer.token);
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('content-type'), 'application/pdf');
    const text = pdfText(Buffer.from(await answer.arrayBuffer()));
    for (const expected of ['Daily site report', 'Karachi East', DAY, 'Asia/Karachi'])
      assert.ok(text.includes(expected), `${expected}:\n${text}`);
    assert.match(text, new RegExp(`Sacrifices performed that day: ${performed}\\b`));
    const labels: Record<string, string> = {
      PERFORMED: 'Performed, awaiting proof',
      VERIFIED: 'Verified',
      FLAGGED: 'Flagged for review',
      DELIVERED: 'Delivered',
      PLANNED: 'Planned',
      COLLECTED: 'Collected',
      SPOILED: 'Spoiled',
    };
    for (const row of [
      ...figures.performedByStatus,
      ...figures.deliveriesByStatus.filter((d) => labels[d.status]),
      ...figures.hidesByStatus.filter((h) => labels[h.status]),
    ])
      assert.match(text, new RegExp(`${labels[row.status]}: ${row.count}\\b`), `${row.status} ${row.count}`);
    // The chart's bar labels: each busy hour's count stands above its bar.
    for (const [hour, count] of figures.performedByHour.entries())
      if (count > 0) assert.match(text, new RegExp(`\\b${count}\\b`), `hour ${hour}`);
  });

  it('writes it in Arabic when asked', async () => {
    const answer = await report(world.organizer.token, 'ar');
    assert.equal(answer.status, 200);
    const text = pdfText(Buffer.from(await answer.arrayBuffer()));
    assert.ok(text.includes('التقرير اليومي للموقع'), text);
    assert.ok(text.includes('موثقة'));
    assert.ok(text.includes('Karachi East'));
  });

  it('is for organizers only, and refuses a malformed day', async () => {
    assert.equal((await report(null)).status, 401);
    assert.equal((await report(donorToken)).status, 403);
    assert.equal((await report(world.organizer.token, 'en', '2026-13-45')).status, 400);
    assert.equal((await report(world.organizer.token, 'en', DAY, '00000000-0000-4000-8000-000000000000')).status, 404);
  });
});
