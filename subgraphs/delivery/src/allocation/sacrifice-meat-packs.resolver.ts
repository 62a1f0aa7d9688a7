import type { SubgraphContext } from '@qurbani/kit';
import type { GraphQLResolveInfo } from 'graphql';
import { Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { MeatPack } from '../pack/meat-pack.entity.js';
import { packFields, packsBySacrificeId } from '../pack/meat-pack.loaders.js';
import { SacrificeStub } from '../foreign-entities.js';

/**
 * `Sacrifice.meatPacks`. The gateway resolves it here, on a stub, without asking the sacrifice
 * subgraph (e.g. from `MeatPack.sacrifice`), so the packs are filtered by `meatPackFilter`.
 */
@Resolver(() => SacrificeStub)
export class SacrificeMeatPacksResolver {
  @FieldResolver(() => [MeatPack], { description: 'Packs cut from this sacrifice, oldest first.' })
  meatPacks(
    @Root() sacrifice: SacrificeStub,
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<MeatPack[]> {
    return packsBySacrificeId(ctx).load(sacrifice.id, packFields(info));
  }
}
