import {
  csvExportRoutes,
  csvImportRoute,
  entityCacheMetrics,
  openRedis,
  startSubgraph,
  type RunningSubgraph,
} from '@qurbani/kit';
import { loggerFor } from '@qurbani/telemetry';
import { CertificateLinks } from './certificate/certificate-links.js';
import { mountCertificateRoute } from './certificate/certificate.route.js';
import { CertificateService } from './certificate/certificate.service.js';
import { SiteDayReportRepository } from './report/site-day-report.repository.js';
import { SiteDayReportService } from './report/site-day-report.service.js';
import { DashboardRepository } from './dashboard/dashboard.repository.js';
import { DashboardService } from './dashboard/dashboard.service.js';
import { AnimalReplacementService } from './animal/animal-replacement.service.js';
import { AnimalService } from './animal/animal.service.js';
import type { SacrificeConfig } from './config.js';
import { entities } from './entities.js';
import { animalsImport } from './import/animals.import.js';
import { sitesImport } from './import/sites.import.js';
import { sacrificesCsv } from './export/sacrifices.export.js';
import { sacrificeConsumers } from './events.js';
import { migrations } from './migrations/index.js';
import { AllocationService } from './sacrifice/allocation.service.js';
import { AssignmentService } from './sacrifice/assignment.service.js';
import { PerformanceService } from './sacrifice/performance.service.js';
import { PriceService } from './price/price.service.js';
import { SacrificeRepository } from './sacrifice/sacrifice.repository.js';
import { buildSacrificeSchema } from './schema.js';
import { SeasonService } from './season/season.service.js';
import { SiteService } from './site/site.service.js';
import { sacrificeCaches } from './shared/entity-caches.js';
import { StaffService } from './staff/staff.service.js';

export type { SacrificeConfig } from './config.js';
export { buildSacrificeSchema } from './schema.js';

/** The sacrifice subgraph: seasons, sites, animals, allocation and proof status; consumes orders and video outcomes. */
export function startSacrificeSubgraph(config: SacrificeConfig): Promise<RunningSubgraph> {
  const now = config.now ?? (() => new Date());
  return startSubgraph(config, {
    name: 'sacrifice',
    entities,
    migrations,
    messaging: config,
    async wire({ orm, life, telemetry }) {
      const log = loggerFor('sacrifice');
      const caches = sacrificeCaches({
        orm,
        redis: openRedis(config.redisUrl ?? 'redis://127.0.0.1:6379', life, telemetry),
        keyPrefix: config.redisPrefix ?? (config.subjectPrefix ? `${config.subjectPrefix}:` : 'qurbani:'),
        metrics: entityCacheMetrics(telemetry.metrics),
        onError: (error) => log.warn({ error: String(error) }, 'entity cache: Redis failed; reading the database'),
      });
      const certificateLinks = new CertificateLinks(
        config.internalSecret,
        config.certificateLinkTtlSeconds ?? 3600,
        now,
      );
      const certificates = new CertificateService(
        config.charityName ?? 'Qurbani charity',
        config.publicBaseUrl ?? 'http://localhost:4000',
      );
      const schema = await buildSacrificeSchema({
        seasons: new SeasonService(),
        sites: new SiteService(),
        caches,
        animals: new AnimalService(caches.animals),
        replacements: new AnimalReplacementService(now),
        sacrifices: new SacrificeRepository(),
        prices: new PriceService(),
        allocation: new AllocationService(now),
        assignment: new AssignmentService(now),
        performance: new PerformanceService(now, caches.animals),
        dashboards: new DashboardService(new DashboardRepository(), now),
        staff: new StaffService(),
        certificateLinks,
        siteDayReports: new SiteDayReportService(new SiteDayReportRepository()),
      });
      return {
        schema,
        consumers: sacrificeConsumers(now),
        routes: (app) => {
          mountCertificateRoute(app, {
            orm,
            internalSecret: config.internalSecret,
            links: certificateLinks,
            certificates,
          });
          csvExportRoutes(orm, config.internalSecret, [sacrificesCsv])(app);
          csvImportRoute(orm, config.internalSecret, sitesImport)(app);
          csvImportRoute(orm, config.internalSecret, animalsImport)(app);
        },
      };
    },
  });
}
