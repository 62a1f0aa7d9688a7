import { auditResolver, deadLetterResolver, sdlOnly, subgraphSchema } from '@qurbani/kit';
import { SiteDayReportStub, siteDayReportReference } from './report/site-day-report.stub.js';
import { SiteDayReportDeliveriesResolver } from './report/site-day-report-deliveries.resolver.js';
import { DeliveryDashboardRepository } from './dashboard/dashboard.repository.js';
import { SeasonDashboardStub, seasonDashboardReference } from './dashboard/season-dashboard.stub.js';
import { SeasonDashboardDeliveriesResolver } from './dashboard/season-dashboard-deliveries.resolver.js';
import { SacrificeMeatPacksResolver } from './allocation/sacrifice-meat-packs.resolver.js';
import { SacrificeStub } from './foreign-entities.js';
import { DeliveryLoopResolver } from './delivery/delivery-loop.resolver.js';
import type { DeliveryLoopService } from './delivery/delivery-loop.service.js';
import { DeliveryMutationsResolver } from './delivery/delivery-mutations.resolver.js';
import type { DeliveryProofService } from './delivery/delivery-proof.service.js';
import { deliveryReference } from './delivery/delivery.reference.js';
import { DeliveryResolver } from './delivery/delivery.resolver.js';
import type { DeliveryService } from './delivery/delivery.service.js';
import { meatPackReference } from './pack/meat-pack.reference.js';
import { DeliveryPositionResolver, RoutePositionResolver } from './position/delivery-position.resolver.js';
import { PositionResolver } from './position/position.resolver.js';
import type { PositionService } from './position/position.service.js';
import { MeatPackResolver } from './pack/meat-pack.resolver.js';
import type { MeatPackService } from './pack/meat-pack.service.js';
import { recipientReference } from './recipient/recipient.reference.js';
import { RecipientResolver } from './recipient/recipient.resolver.js';
import type { RecipientService } from './recipient/recipient.service.js';
import { routeReference } from './route/route.reference.js';
import { RouteResolver } from './route/route.resolver.js';
import type { RouteService } from './route/route.service.js';
import { TrackingLinkResolver } from './tracking/tracking-link.resolver.js';
import type { TrackingLinkService } from './tracking/tracking-link.service.js';

export interface DeliveryServices {
  recipients: RecipientService;
  packs: MeatPackService;
  deliveries: DeliveryService;
  proof: DeliveryProofService;
  loop: DeliveryLoopService;
  routes: RouteService;
  positions: PositionService;
  trackingLinks: TrackingLinkService;
}

/** Without services it still prints the SDL, which is all composition needs. */
export function buildDeliverySchema(services?: DeliveryServices) {
  const s = sdlOnly(services);
  return subgraphSchema({
    resolvers: [
      deadLetterResolver('delivery'),
      auditResolver('delivery'),
      new RecipientResolver(s.recipients),
      new MeatPackResolver(s.packs),
      new SacrificeMeatPacksResolver(),
      new DeliveryResolver(s.deliveries),
      new DeliveryMutationsResolver(s.deliveries, s.proof),
      new DeliveryLoopResolver(s.loop),
      new RouteResolver(s.routes),
      new PositionResolver(s.positions),
      new DeliveryPositionResolver(s.positions),
      new RoutePositionResolver(s.positions),
      new TrackingLinkResolver(s.trackingLinks),
      new SeasonDashboardDeliveriesResolver(new DeliveryDashboardRepository()),
      new SiteDayReportDeliveriesResolver(),
    ],
    references: [
      SacrificeStub.reference,
      recipientReference,
      meatPackReference,
      deliveryReference,
      routeReference,
      seasonDashboardReference,
      siteDayReportReference,
    ],
    orphanedTypes: [SeasonDashboardStub, SiteDayReportStub],
  });
}
