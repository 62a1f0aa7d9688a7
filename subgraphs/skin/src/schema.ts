import { buildFederatedSchema } from '@qurbani/kit';
import { BuyerResolver } from './buyer/buyer.resolver.js';
import type { BuyerService } from './buyer/buyer.service.js';
import { HideResolver } from './hide/hide.resolver.js';
import type { HideService } from './hide/hide.service.js';
import { LotResolver } from './lot/lot.resolver.js';
import type { LotService } from './lot/lot.service.js';
import { references } from './references.js';
import { SacrificeHideResolver } from './sacrifice/sacrifice-hide.resolver.js';
import { SaleResolver } from './sale/sale.resolver.js';

export interface SkinServices {
  hides: HideService;
  lots: LotService;
  buyers: BuyerService;
  now: () => Date;
}

/** Without services it still prints the SDL, which is all composition needs. */
export function buildSkinSchema(services?: SkinServices) {
  const now = services?.now ?? (() => new Date());
  const resolvers = new Map<Function, unknown>([
    [HideResolver, new HideResolver(services?.hides as HideService, now)],
    [LotResolver, new LotResolver(services?.lots as LotService)],
    [BuyerResolver, new BuyerResolver(services?.buyers as BuyerService)],
    [SaleResolver, new SaleResolver()],
    [SacrificeHideResolver, new SacrificeHideResolver()],
  ]);
  return buildFederatedSchema(
    {
      resolvers: [HideResolver, LotResolver, BuyerResolver, SaleResolver, SacrificeHideResolver],
      container: { get: (cls) => resolvers.get(cls) },
    },
    references,
  );
}
