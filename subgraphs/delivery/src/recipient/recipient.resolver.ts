import { assertId, ConnectionType, PageArgs, Role, type SubgraphContext } from '@qurbani/kit';
import { Arg, Authorized, Args, Ctx, Float, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Recipient } from './recipient.entity.js';
import { CreateRecipientInput, UpdateRecipientInput } from './recipient.inputs.js';
import { setRecipientArchived, updateRecipient } from './recipient-update.service.js';
import { mayContact } from './recipient.policy.js';
import type { RecipientService } from './recipient.service.js';

const RecipientConnection = ConnectionType('Recipient', Recipient);
const PRIVATE = 'Only for organizers and the driver of a delivery to this family; null otherwise.';

@Resolver(() => Recipient)
export class RecipientResolver {
  constructor(private readonly service: RecipientService) {}

  @Mutation(() => Recipient, { description: 'Organizers only.' })
  @Authorized(Role.ORGANIZER)
  createRecipient(@Arg('input') input: CreateRecipientInput, @Ctx() ctx: SubgraphContext): Promise<Recipient> {
    return this.service.create(ctx.em, input);
  }

  @Mutation(() => Recipient, {
    description: "Organizers only: corrects a family's record; deliveries already made keep their PIN and route.",
  })
  @Authorized(Role.ORGANIZER)
  updateRecipient(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateRecipientInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Recipient> {
    return updateRecipient(ctx.em, this.service.privacy, ctx, assertId(id), input);
  }

  @Mutation(() => Recipient, {
    description: 'Organizers only: archives a family; no new pack goes to it, deliveries already made go on.',
  })
  @Authorized(Role.ORGANIZER)
  archiveRecipient(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Recipient> {
    return setRecipientArchived(ctx.em, ctx, assertId(id), true);
  }

  @Mutation(() => Recipient, { description: 'Organizers only: brings an archived family back.' })
  @Authorized(Role.ORGANIZER)
  restoreRecipient(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Recipient> {
    return setRecipientArchived(ctx.em, ctx, assertId(id), false);
  }

  @Query(() => RecipientConnection, {
    description: 'Organizers only: families, oldest first, optionally of one region; archived ones only when asked.',
  })
  @Authorized(Role.ORGANIZER)
  recipients(
    @Args() page: PageArgs,
    @Arg('region', () => String, { nullable: true }) region: string | undefined,
    @Arg('includeArchived', { defaultValue: false }) includeArchived: boolean,
    @Ctx() ctx: SubgraphContext,
  ) {
    return this.service.list(ctx.em, region, includeArchived, page);
  }

  @FieldResolver(() => String, { nullable: true, description: PRIVATE })
  async name(@Root() r: Recipient, @Ctx() ctx: SubgraphContext): Promise<string | null> {
    return (await this.mayContact(r, ctx)) ? r.name : null;
  }

  @FieldResolver(() => String, { nullable: true, description: PRIVATE })
  async phone(@Root() r: Recipient, @Ctx() ctx: SubgraphContext): Promise<string | null> {
    return (await this.mayContact(r, ctx)) ? this.service.privacy.phoneOf(r) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: PRIVATE })
  async address(@Root() r: Recipient, @Ctx() ctx: SubgraphContext): Promise<string | null> {
    return (await this.mayContact(r, ctx)) ? this.service.privacy.addressOf(r) : null;
  }

  @FieldResolver(() => Float, { nullable: true, description: PRIVATE })
  async latitude(@Root() r: Recipient, @Ctx() ctx: SubgraphContext): Promise<number | null> {
    return (await this.mayContact(r, ctx)) ? (this.service.privacy.locationOf(r)?.lat ?? null) : null;
  }

  @FieldResolver(() => Float, { nullable: true, description: PRIVATE })
  async longitude(@Root() r: Recipient, @Ctx() ctx: SubgraphContext): Promise<number | null> {
    return (await this.mayContact(r, ctx)) ? (this.service.privacy.locationOf(r)?.lon ?? null) : null;
  }

  private mayContact(r: Recipient, ctx: SubgraphContext): Promise<boolean> {
    return mayContact(ctx, r);
  }
}
