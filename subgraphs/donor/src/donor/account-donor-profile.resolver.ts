import type { SubgraphContext } from '@qurbani/kit';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { isId } from '../shared/ids.js';
import { AccountStub } from '../foreign-entities.js';
import { Donor } from './donor.entity.js';
import { donorById } from './donor.loaders.js';

@Resolver(() => AccountStub)
export class AccountDonorProfileResolver {
  @FieldResolver(() => Donor, {
    nullable: true,
    description: 'Donor preferences; only for the account itself and organizers, null before first use.',
  })
  async donorProfile(@Root() account: AccountStub, @Ctx() ctx: SubgraphContext): Promise<Donor | null> {
    // donorFilter: the account itself and organizers.
    return isId(account.id) ? donorById(ctx).load(account.id) : null;
  }
}
