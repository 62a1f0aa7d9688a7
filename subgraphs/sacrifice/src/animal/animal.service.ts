import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  badInput,
  conflict,
  findPage,
  invalidateAfterCommit,
  notFound,
  type EntityCache,
  type PageArgs,
} from '@qurbani/kit';
import { SHARES_PER_ANIMAL } from '../share/shares.rules.js';
import type { Species } from '../shared/species.js';
import { Site } from '../site/site.entity.js';
import { Animal, AnimalStatus } from './animal.entity.js';
import type { NewAnimalInput } from './animal.inputs.js';
import { animalTag, animalWeight } from './animal.rules.js';

const MAX_ANIMALS_PER_CALL = 1000;

export class AnimalService {
  constructor(private readonly cache: EntityCache<Animal>) {}

  /** Adds a batch of animals to a site: all of them or, on any problem, none. */
  async addAnimals(em: EntityManager, siteId: string, species: Species, animals: NewAnimalInput[]): Promise<Animal[]> {
    if (animals.length === 0 || animals.length > MAX_ANIMALS_PER_CALL)
      throw badInput(`Give 1 to ${MAX_ANIMALS_PER_CALL} animals.`, 'animals');
    const rows = animals.map((a, i) => ({
      tag: animalTag(a.tag, `animals[${i}].tag`),
      weightKg: animalWeight(a.weightKg, `animals[${i}].weightKg`),
    }));
    const tags = rows.map((r) => r.tag);
    const repeated = tags.filter((t, i) => tags.indexOf(t) !== i);
    if (repeated.length) throw conflict(`Tags given twice: ${[...new Set(repeated)].join(', ')}.`);

    const site = await em.findOne(Site, { id: siteId });
    if (!site) throw notFound('Site', siteId);
    const taken = await em.find(Animal, { seasonId: site.seasonId, tag: { $in: tags } }, { fields: ['tag'] });
    if (taken.length) throw conflict(`Tags already used this season: ${taken.map((a) => a.tag).join(', ')}.`);

    const created = rows.map((r) =>
      em.create(Animal, {
        siteId,
        seasonId: site.seasonId,
        species,
        tag: r.tag,
        weightKg: r.weightKg,
        sharesCapacity: SHARES_PER_ANIMAL[species],
      }),
    );
    try {
      await em.flush();
    } catch (error) {
      // Another organizer added one of these tags between our check and our insert.
      if (error instanceof UniqueConstraintViolationException)
        throw conflict('One of these tags was just used this season; nothing was added.');
      throw error;
    }
    return created;
  }

  async list(em: EntityManager, siteId: string, status: AnimalStatus | undefined, page: PageArgs) {
    return findPage(em, Animal, { siteId, ...(status ? { status } : {}) }, page);
  }

  /** Only an animal not yet allocated can be set aside; an allocated one already carries shares. */
  async markUnfit(em: EntityManager, id: string): Promise<Animal> {
    const animal = await em.findOne(Animal, { id });
    if (!animal) throw notFound('Animal', id);
    const updated = await em.nativeUpdate(
      Animal,
      { id, status: AnimalStatus.AVAILABLE },
      { status: AnimalStatus.UNFIT },
    );
    if (updated === 0)
      throw conflict(
        `Animal ${animal.tag} is ${animal.status.toLowerCase()}; only an available animal can be marked unfit.`,
      );
    await invalidateAfterCommit(em, this.cache, [id]);
    animal.status = AnimalStatus.UNFIT;
    return animal;
  }
}
