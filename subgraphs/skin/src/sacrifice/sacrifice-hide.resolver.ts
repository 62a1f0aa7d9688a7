import type { SubgraphContext } from '@qurbani/kit';
import type { GraphQLResolveInfo } from 'graphql';
import { Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { Hide } from '../hide/hide.entity.js';
import { hideBySacrificeId, hideFields } from '../hide/hide.loaders.js';
import { SacrificeStub } from '../foreign-entities.js';

/**
 * Reached only through the gateway from a sacrifice its owner already authorized (see
 * docs/graph-contract.md). A donor gets status and grade; `Hide.lot` (buyers, prices) stays organizer-only.
 */
@Resolver(() => SacrificeStub)
export class SacrificeHideResolver {
  @FieldResolver(() => Hide, { nullable: true, description: 'The hide of the animal; null until recorded.' })
  hide(
    @Root() sacrifice: SacrificeStub,
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Hide | null> {
    return hideBySacrificeId(ctx).load(sacrifice.id, hideFields(info));
  }
}
