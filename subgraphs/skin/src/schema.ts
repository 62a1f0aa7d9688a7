import { auditResolver, deadLetterResolver, sdlOnly, subgraphSchema } from '@qurbani/kit';
import { SiteDayReportStub, siteDayReportReference } from './report/site-day-report.stub.js';
import { SiteDayReportHidesResolver } from './report/site-day-report-hides.resolver.js';
import { BuyerResolver } from './buyer/buyer.resolver.js';
import type { BuyerService } from './buyer/buyer.service.js';
import { HideDashboardRepository } from './dashboard/dashboard.repository.js';
import { SeasonDashboardStub, seasonDashboardReference } from './dashboard/season-dashboard.stub.js';
import { SeasonDashboardHidesResolver } from './dashboard/season-dashboard-hides.resolver.js';
import { HideSweepResolver } from './hide/hide-sweep.resolver.js';
import type { HideSweepService } from './hide/hide-sweep.service.js';
import { HideResolver } from './hide/hide.resolver.js';
import type { HideService } from './hide/hide.service.js';
import { LotResolver } from './lot/lot.resolver.js';
import { ProceedsResolver } from './sale/proceeds.resolver.js';
import type { LotService } from './lot/lot.service.js';
import { references } from './references.js';
import { SacrificeHideResolver } from './sacrifice/sacrifice-hide.resolver.js';
import { SaleResolver } from './sale/sale.resolver.js';

export interface SkinServices {
  hides: HideService;
  sweep: HideSweepService;
  lots: LotService;
  buyers: BuyerService;
  now: () => Date;
}

/** Without services it still prints the SDL, which is all composition needs. */
export function buildSkinSchema(services?: SkinServices) {
  const s = sdlOnly(services);
  return subgraphSchema({
    resolvers: [
      deadLetterResolver('skin'),
      auditResolver('skin'),
      new HideResolver(s.hides, s.now ?? (() => new Date())),
      new HideSweepResolver(s.sweep),
      new LotResolver(s.lots),
      new ProceedsResolver(),
      new BuyerResolver(s.buyers),
      new SaleResolver(),
      new SacrificeHideResolver(),
      new SeasonDashboardHidesResolver(new HideDashboardRepository(), s.now ?? (() => new Date())),
      new SiteDayReportHidesResolver(),
    ],
    references: [references, seasonDashboardReference, siteDayReportReference],
    orphanedTypes: [SeasonDashboardStub, SiteDayReportStub],
  });
}
