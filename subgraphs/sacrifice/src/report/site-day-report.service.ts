import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, notFound } from '@qurbani/kit';
import { SacrificeStatus } from '../sacrifice/sacrifice-status.js';
import { wallTimeToInstant } from '../shared/zoned-time.js';
import { Site } from '../site/site.entity.js';
import type { SiteDayReportRepository } from './site-day-report.repository.js';
import type { SiteDayReport } from './site-day-report.types.js';

// Four-digit years from 1900: the day after stays a four-digit date, and no site predates them.
const DATE = /^(19|2\d)\d{2}-\d{2}-\d{2}$/;
const PERFORMED = [SacrificeStatus.PERFORMED, SacrificeStatus.VERIFIED, SacrificeStatus.FLAGGED];

/** The day after an ISO date. */
const nextDate = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export class SiteDayReportService {
  constructor(private readonly repository: SiteDayReportRepository) {}

  async read(em: EntityManager, siteId: string, date: string): Promise<SiteDayReport> {
    if (!DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)))
      throw badInput('The date is the local day at the site, YYYY-MM-DD.', 'date');
    const site = await em.findOne(Site, { id: siteId });
    if (!site) throw notFound('Site', siteId);
    const from = wallTimeToInstant(date, '00:00', site.timeZone);
    const to = wallTimeToInstant(nextDate(date), '00:00', site.timeZone);
    const [performedByHour, performed, all] = await Promise.all([
      this.repository.performedByHour(em, siteId, site.timeZone, from, to),
      this.repository.performedByStatus(em, siteId, from, to),
      this.repository.byStatus(em, siteId),
    ]);
    const withZeros = (statuses: readonly string[], rows: { status: string; count: number }[]) =>
      statuses.map((status) => ({ status, count: rows.find((r) => r.status === status)?.count ?? 0 }));
    return {
      id: `${siteId}:${date}`,
      siteId,
      date,
      siteName: site.name,
      siteRegion: site.region,
      timeZone: site.timeZone,
      from,
      to,
      performedByHour,
      performedByStatus: withZeros(PERFORMED, performed),
      sacrificesByStatus: withZeros(Object.values(SacrificeStatus), all),
    };
  }
}
