import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually } from '@qurbani/kit/testing';
import {
  openExport,
  QurbaniApiError,
  RecordSacrificePerformedDocument,
  SeasonDashboardDocument,
  SeasonDashboardUpdatedDocument,
} from '@qurbani/sdk';
import { dashboardCounts, directCounts, seedHides, seedSacrifices, type Execute } from './support/dashboard-seed.js';
import { liveClient, record } from './support/live.js';
import { registerDonor, SEASON_1447 } from './support/season.js';
import { startSystem, type System } from './support/system.js';
import { allocatedOrder, trackingWorld, type TrackingWorld } from './support/tracking.js';

describe('the season dashboard', () => {
  let system: System;
  let world: TrackingWorld;
  let sacrificeDb: Execute;
  let skinDb: Execute;
  const clients: { dispose(): Promise<void> }[] = [];

  before(async () => {
    system = await startSystem();
    world = await trackingWorld(system);
    const conn = (name: string): Execute => {
      const c = system.subgraphs[name]!.orm.em.getConnection();
      return (sql, params) => c.execute(sql, params as never[]);
    };
    sacrificeDb = conn('sacrifice');
    skinDb = conn('skin');
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.dispose().catch(() => undefined)));
    await system?.close();
  });

  it('shows the same counts as the databases hold, for a few hundred sacrifices and hides', async () => {
    const now = new Date(SEASON_1447.insideWindow);
    system.now.value = now;
    try {
      const plan = {
        seasonId: world.seasonId,
        siteIds: [world.siteId],
        sacrifices: 400,
        pendingShares: 23,
        tag: 't',
        now,
      };
      await seedSacrifices(sacrificeDb, plan);
      await seedHides(skinDb, plan);
      const { seasonDashboard } = await world.organizer.client.request(SeasonDashboardDocument, {
        seasonId: world.seasonId,
      });
      const expected = await directCounts(sacrificeDb, skinDb, world.seasonId, now);
      assert.equal(expected.sacrifices.FLAGGED, 80, 'the seed made what it says');
      assert.deepEqual(dashboardCounts(seasonDashboard), expected);
      const [site] = seasonDashboard.sites;
      assert.equal(site!.total, 400);
      assert.equal(site!.remaining, 160, 'allocated and assigned ones are still to do');
      // Performed times spread over the last 3 hours, one a minute: 60 of every 180 in the last hour.
      assert.ok(site!.performedLastHour > 0 && site!.performedLastHour < 240);
      assert.ok(site!.hoursLeft > 80, 'the window (27 to 30 May) is almost all ahead');
    } finally {
      system.now.value = null;
    }
  });

  it("exports the season's sacrifices as CSV to organizers, every row once", async () => {
    const stream = await openExport(system.gateway.url, world.organizer.token, 'sacrifices.csv', {
      seasonId: world.seasonId,
    });
    const lines = (await new Response(stream).text())
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    assert.equal(
      lines[0],
      'id,season_id,site_id,site,species,status,share_count,executor_id,assigned_at,performed_at,created_at',
    );
    const [row] = (await sacrificeDb('select count(*) as n from sacrifice where season_id = ?', [world.seasonId])) as {
      n: string;
    }[];
    const ids = lines.slice(1).map((l) => l.split(',')[0]);
    assert.equal(ids.length, Number(row!.n));
    assert.equal(new Set(ids).size, ids.length, 'each sacrifice once');
    assert.ok(lines.slice(1).every((l) => l.includes(',Karachi East,SHEEP,')));
    const donor = await registerDonor(system, 'Exporter');
    const refused = await openExport(system.gateway.url, donor.token, 'sacrifices.csv').catch(
      (e: QurbaniApiError) => e,
    );
    assert.ok(refused instanceof QurbaniApiError && refused.status === 403 && refused.code === 'FORBIDDEN');
    assert.equal((await fetch(new URL('/exports/sacrifices.csv', system.gateway.url))).status, 401);
  });

  it('is for organizers only', async () => {
    const donor = await registerDonor(system, 'Curious');
    for (const actor of [donor, world.executor, world.driver]) {
      const refused = await actor.client.execute(SeasonDashboardDocument, { seasonId: world.seasonId });
      assert.equal(refused.data, null);
      assert.equal(refused.errors?.[0]?.extensions?.code, 'FORBIDDEN', JSON.stringify(refused.errors));
    }
  });

  it('pushes the new figures to a subscribed organizer when a sacrifice is recorded', async () => {
    const { sacrificeId } = await allocatedOrder(system, world);
    const performedBefore = async () => {
      const { seasonDashboard } = await world.organizer.client.request(SeasonDashboardDocument, {
        seasonId: world.seasonId,
      });
      return seasonDashboard.sacrificesByStatus.find((s) => s.status === 'PERFORMED')!.count;
    };
    const before = await performedBefore();
    const client = liveClient(system.gateway.url, { accessToken: world.organizer.token });
    clients.push(client);
    const live = record(client, SeasonDashboardUpdatedDocument, { seasonId: world.seasonId });
    await eventually(async () => system.gateway.live.stats.followedSubjects > 0);
    system.now.value = new Date(SEASON_1447.insideWindow);
    await world.executor.client.request(RecordSacrificePerformedDocument, { sacrificeId }).finally(() => {
      system.now.value = null;
    });
    await eventually(async () =>
      live.events.some(
        (e) => e.seasonDashboardUpdated.sacrificesByStatus.find((s) => s.status === 'PERFORMED')!.count === before + 1,
      ),
    );
    live.stop();
  });
});
