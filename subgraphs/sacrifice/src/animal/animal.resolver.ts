import { assertId, ConnectionType, notFound, PageArgs, Role, type SubgraphContext } from '@qurbani/kit';
import { Arg, Authorized, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Species } from '../shared/species.js';
import { Site } from '../site/site.entity.js';
import { siteOfVisibleRow } from '../site/site.loaders.js';
import type { SacrificeCaches } from '../shared/entity-caches.js';
import { Animal, AnimalStatus } from './animal.entity.js';
import { NewAnimalInput, UpdateAnimalInput } from './animal.inputs.js';
import { setAnimalArchived, updateAnimal } from './animal-update.service.js';
import type { AnimalReplacementService } from './animal-replacement.service.js';
import type { AnimalService } from './animal.service.js';
import { Sacrifice } from '../sacrifice/sacrifice.entity.js';

const AnimalConnection = ConnectionType('Animal', Animal);

@Resolver(() => Animal)
export class AnimalResolver {
  constructor(
    private readonly animalService: AnimalService,
    private readonly replacements: AnimalReplacementService,
    private readonly caches: SacrificeCaches,
  ) {}

  @Query(() => AnimalConnection, { description: 'Organizers only: the animals of a site, oldest first.' })
  @Authorized(Role.ORGANIZER)
  animals(
    @Arg('siteId', () => ID) siteId: string,
    @Arg('status', () => AnimalStatus, { nullable: true }) status: AnimalStatus | undefined,
    @Args() page: PageArgs,
    @Ctx() ctx: SubgraphContext,
  ) {
    return this.animalService.list(ctx.em, assertId(siteId, 'siteId'), status ?? undefined, page);
  }

  @Mutation(() => [Animal], {
    description:
      'Organizers only: adds animals of one species to a site; a tag already used this season adds none (CONFLICT).',
  })
  @Authorized(Role.ORGANIZER)
  addAnimals(
    @Arg('siteId', () => ID) siteId: string,
    @Arg('species', () => Species) species: Species,
    @Arg('animals', () => [NewAnimalInput]) animals: NewAnimalInput[],
    @Ctx() ctx: SubgraphContext,
  ): Promise<Animal[]> {
    return this.animalService.addAnimals(ctx.em, assertId(siteId, 'siteId'), species, animals);
  }

  @Mutation(() => Animal, {
    description: 'Organizers only: sets aside an available animal that is not fit for sacrifice.',
  })
  @Authorized(Role.ORGANIZER)
  markAnimalUnfit(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Animal> {
    return this.animalService.markUnfit(ctx.em, assertId(id));
  }

  @Mutation(() => Sacrifice, {
    description:
      'Organizers only: an allocated animal fell ill or died before its sacrifice; its shares, executor and donors move ' +
      'to an available animal of the same species and site, the executor sees the new animal and each donor is told.',
  })
  @Authorized(Role.ORGANIZER)
  replaceAnimal(
    @Arg('animalId', () => ID) animalId: string,
    @Arg('replacementId', () => ID) replacementId: string,
    @Arg('reason') reason: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Sacrifice> {
    return this.replacements.replace(
      ctx.em,
      ctx,
      assertId(animalId, 'animalId'),
      assertId(replacementId, 'replacementId'),
      reason,
    );
  }

  @Mutation(() => Animal, {
    description:
      'Organizers only: corrects an animal. Its tag is fixed once sacrificed, its species once it carries shares (CONFLICT).',
  })
  @Authorized(Role.ORGANIZER)
  updateAnimal(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateAnimalInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Animal> {
    return updateAnimal(ctx.em, ctx, assertId(id), input);
  }

  @Mutation(() => Animal, {
    description:
      'Organizers only: archives an animal without shares (entered by mistake, sold, gone); it is never allocated. ' +
      'An allocated animal is replaced first (replaceAnimal).',
  })
  @Authorized(Role.ORGANIZER)
  archiveAnimal(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Animal> {
    return setAnimalArchived(ctx.em, ctx, assertId(id), true);
  }

  @Mutation(() => Animal, { description: 'Organizers only: brings an archived animal back as available.' })
  @Authorized(Role.ORGANIZER)
  restoreAnimal(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Animal> {
    return setAnimalArchived(ctx.em, ctx, assertId(id), false);
  }

  @FieldResolver(() => Site)
  async site(@Root() animal: Animal, @Ctx() ctx: SubgraphContext): Promise<Site> {
    const site = await siteOfVisibleRow(ctx, this.caches.sites).load(animal.siteId);
    if (!site) throw notFound('Site', animal.siteId);
    return site;
  }
}
