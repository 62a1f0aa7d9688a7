import { auditResolver, deadLetterResolver, sdlOnly, subgraphSchema } from '@qurbani/kit';
import { dashboardReference } from './dashboard/dashboard.reference.js';
import { DashboardResolver } from './dashboard/dashboard.resolver.js';
import type { DashboardService } from './dashboard/dashboard.service.js';
import { animalReference } from './animal/animal.reference.js';
import type { AnimalReplacementService } from './animal/animal-replacement.service.js';
import { AnimalResolver } from './animal/animal.resolver.js';
import type { AnimalService } from './animal/animal.service.js';
import { OrderSacrificesResolver } from './sacrifice/order-sacrifices.resolver.js';
import { SacrificeOperationsResolver, type SacrificeOperations } from './sacrifice/sacrifice-operations.resolver.js';
import { sacrificeReference } from './sacrifice/sacrifice.reference.js';
import type { SacrificeRepository } from './sacrifice/sacrifice.repository.js';
import { SacrificeResolver } from './sacrifice/sacrifice.resolver.js';
import type { PriceService } from './price/price.service.js';
import { SharePriceResolver } from './price/price.resolver.js';
import { SeasonResolver } from './season/season.resolver.js';
import type { SeasonService } from './season/season.service.js';
import { OrderStub } from './foreign-entities.js';
import { SiteResolver } from './site/site.resolver.js';
import type { SiteService } from './site/site.service.js';
import { SiteStaffResolver } from './staff/site-staff.resolver.js';
import type { StaffService } from './staff/staff.service.js';
import type { CertificateLinks } from './certificate/certificate-links.js';
import { SacrificeCertificateResolver } from './certificate/certificate.resolver.js';
import { SiteDayReportResolver, siteDayReportReference } from './report/site-day-report.resolver.js';
import type { SiteDayReportService } from './report/site-day-report.service.js';
import type { SacrificeCaches } from './shared/entity-caches.js';

export interface SacrificeServices extends SacrificeOperations {
  caches: SacrificeCaches;
  seasons: SeasonService;
  sites: SiteService;
  animals: AnimalService;
  replacements: AnimalReplacementService;
  sacrifices: SacrificeRepository;
  prices: PriceService;
  dashboards: DashboardService;
  staff: StaffService;
  certificateLinks: CertificateLinks;
  siteDayReports: SiteDayReportService;
}

/** Without services it still prints the SDL, which is all composition needs. */
export function buildSacrificeSchema(services?: SacrificeServices) {
  const s = sdlOnly(services);
  return subgraphSchema({
    resolvers: [
      deadLetterResolver('sacrifice'),
      auditResolver('sacrifice'),
      new SeasonResolver(s.seasons),
      new SiteResolver(s.sites),
      new AnimalResolver(s.animals, s.replacements, s.caches),
      new SacrificeResolver(s.sacrifices, s.caches),
      new SacrificeOperationsResolver(s),
      new OrderSacrificesResolver(),
      new SharePriceResolver(s.prices),
      new DashboardResolver(s.dashboards),
      new SiteStaffResolver(s.staff),
      new SacrificeCertificateResolver(s.certificateLinks),
      new SiteDayReportResolver(s.siteDayReports),
    ],
    references: [
      sacrificeReference,
      animalReference,
      OrderStub.reference,
      dashboardReference(services?.dashboards),
      siteDayReportReference(services?.siteDayReports),
    ],
  });
}
