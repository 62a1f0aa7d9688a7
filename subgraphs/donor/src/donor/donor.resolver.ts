import { Role, type SubgraphContext } from '@qurbani/kit';
import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { maySeeDonor } from './donor.policy.js';
import { AccountStub } from '../foreign-entities.js';
import { Donor } from './donor.entity.js';
import { UpdateDonorProfileInput } from './donor.inputs.js';
import { donorById } from './donor.loaders.js';
import type { DonorService } from './donor.service.js';

@Resolver(() => Donor)
export class DonorResolver {
  constructor(private readonly donors: DonorService) {}

  @Query(() => Donor, {
    nullable: true,
    description: "The signed-in donor's preferences; null until their first order or profile update.",
  })
  @Authorized()
  myDonorProfile(@Ctx() ctx: SubgraphContext): Promise<Donor | null> {
    return donorById(ctx).load(ctx.viewer!.id);
  }

  @Mutation(() => Donor, { description: 'Changes the given preferences of the signed-in donor.' })
  @Authorized(Role.DONOR)
  updateDonorProfile(@Arg('input') input: UpdateDonorProfileInput, @Ctx() ctx: SubgraphContext): Promise<Donor> {
    return this.donors.updateProfile(ctx.em, ctx.viewer!.id, input);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'E.164 phone; only for the donor themself and organizers.',
  })
  phone(@Root() donor: Donor, @Ctx() ctx: SubgraphContext): string | null {
    return maySeeDonor(ctx.viewer, donor.id) ? this.donors.phoneOf(donor) : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'E-mail address for the EMAIL channel; only for the donor themself and organizers.',
  })
  email(@Root() donor: Donor, @Ctx() ctx: SubgraphContext): string | null {
    return maySeeDonor(ctx.viewer, donor.id) ? this.donors.emailOf(donor) : null;
  }

  @FieldResolver(() => AccountStub, {
    description: 'The account of this donor (display name and sign-in live in identity).',
  })
  account(@Root() donor: Donor): AccountStub {
    return { id: donor.id };
  }
}
