import type { SubgraphContext } from '@qurbani/kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { MeatPack } from '../pack/meat-pack.entity.js';
import { packsBySacrificeId } from '../pack/meat-pack.loaders.js';
import { SacrificeStub } from './sacrifice.stub.js';

/**
 * `Sacrifice.meatPacks`. The sacrifice subgraph already authorized the sacrifice the gateway reached
 * this from; what a donor must not see (a family's name and contact) is guarded on `Recipient`.
 */
@Resolver(() => SacrificeStub)
export class SacrificeMeatPacksResolver {
  @FieldResolver(() => [MeatPack], { description: 'Packs cut from this sacrifice, oldest first.' })
  meatPacks(@Root() sacrifice: SacrificeStub, @Ctx() ctx: SubgraphContext): Promise<MeatPack[]> {
    return packsBySacrificeId(ctx).load(sacrifice.id);
  }
}
