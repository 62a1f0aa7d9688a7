import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { audit, conflict, notFound, type AuditActor } from '@qurbani/kit';
import { SHARES_PER_ANIMAL } from '../share/shares.rules.js';
import { Animal, AnimalStatus } from './animal.entity.js';
import type { UpdateAnimalInput } from './animal.inputs.js';
import { animalTag, animalWeight } from './animal.rules.js';

const summary = (a: Animal) => ({ tag: a.tag, weightKg: a.weightKg, species: a.species, status: a.status });

/** Corrects an animal: its weight any time, its tag until it is sacrificed, its species while it carries no shares. */
export async function updateAnimal(em: EntityManager, actor: AuditActor, id: string, input: UpdateAnimalInput) {
  try {
    return await em.fork().transactional(async (tx) => {
      // Locked: allocation takes an animal under the same lock, so its species cannot change under a share.
      const animal = await tx.findOne(Animal, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!animal) throw notFound('Animal', id);
      const before = summary(animal);
      if (input.weightKg !== undefined) animal.weightKg = animalWeight(input.weightKg, 'weightKg');
      if (input.tag != null) {
        const tag = animalTag(input.tag, 'tag');
        if (tag !== animal.tag && animal.status === AnimalStatus.SACRIFICED)
          throw conflict(`Animal ${animal.tag} was sacrificed under this tag; it can no longer change.`);
        if (tag !== animal.tag && (await tx.count(Animal, { seasonId: animal.seasonId, tag })))
          throw conflict(`Tag ${tag} is already used this season.`);
        animal.tag = tag;
      }
      if (input.species != null && input.species !== animal.species) {
        if (animal.status !== AnimalStatus.AVAILABLE && animal.status !== AnimalStatus.ARCHIVED)
          throw conflict(
            `Animal ${animal.tag} is ${animal.status.toLowerCase()}; only one without shares changes species.`,
          );
        animal.species = input.species;
        animal.sharesCapacity = SHARES_PER_ANIMAL[input.species];
      }
      await tx.flush();
      await audit(tx, 'sacrifice', actor, {
        action: 'animal.updated',
        entityType: 'Animal',
        entityIds: [id],
        before,
        after: summary(animal),
      });
      return animal;
    });
  } catch (error) {
    // Another organizer took this tag between our check and our write.
    if (error instanceof UniqueConstraintViolationException) throw conflict('This tag was just used this season.');
    throw error;
  }
}

/**
 * Archives an animal that carries no shares (available or set aside), or brings an archived one
 * back as available. An allocated animal is replaced first (`replaceAnimal`), never archived.
 */
export async function setAnimalArchived(em: EntityManager, actor: AuditActor, id: string, archived: boolean) {
  return em.fork().transactional(async (tx) => {
    const animal = await tx.findOne(Animal, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!animal) throw notFound('Animal', id);
    const from = archived ? [AnimalStatus.AVAILABLE, AnimalStatus.UNFIT] : [AnimalStatus.ARCHIVED];
    if (!from.includes(animal.status))
      throw conflict(
        archived
          ? `Animal ${animal.tag} is ${animal.status.toLowerCase()}; replace it first if it carries shares.`
          : `Animal ${animal.tag} is not archived.`,
      );
    const before = animal.status;
    animal.status = archived ? AnimalStatus.ARCHIVED : AnimalStatus.AVAILABLE;
    await tx.flush();
    await audit(tx, 'sacrifice', actor, {
      action: archived ? 'animal.archived' : 'animal.restored',
      entityType: 'Animal',
      entityIds: [id],
      before: { status: before },
      after: { status: animal.status },
    });
    return animal;
  });
}
