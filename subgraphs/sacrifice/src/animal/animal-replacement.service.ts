import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueue, NotificationKind, Subject } from '@qurbani/events';
import { audit, badInput, conflict, notFound, type AuditActor } from '@qurbani/kit';
import { reannounce } from '../sacrifice/reannounce.js';
import { SacrificeStatus } from '../sacrifice/sacrifice-status.js';
import { Sacrifice } from '../sacrifice/sacrifice.entity.js';
import { Animal, AnimalStatus } from './animal.entity.js';

/** Until the knife, the shares may move: after it, the names were said over this animal. */
const MOVABLE: readonly SacrificeStatus[] = [SacrificeStatus.ALLOCATED, SacrificeStatus.ASSIGNED];

export class AnimalReplacementService {
  constructor(private readonly now: () => Date) {}

  /**
   * An allocated animal fell ill or died: its sacrifice (shares, executor, donors) moves to an
   * available animal of the same species and site with room, the old one is set aside UNFIT with the
   * reason, the sacrifice is announced again (the executor's task shows the new animal) and each
   * donor is told.
   */
  async replace(
    em: EntityManager,
    actor: AuditActor,
    animalId: string,
    replacementId: string,
    reason: string,
  ): Promise<Sacrifice> {
    if (animalId === replacementId) throw badInput('Choose another animal as the replacement.', 'replacementId');
    const why = reason.trim();
    if (!why || why.length > 500) throw badInput('reason must be 1 to 500 characters.', 'reason');
    return em.fork().transactional(async (tx) => {
      const animal = await tx.findOne(Animal, { id: animalId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!animal) throw notFound('Animal', animalId);
      const sacrifice = await tx.findOne(Sacrifice, { animalId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!sacrifice) throw conflict(`Animal ${animal.tag} carries no shares; mark it unfit instead.`);
      if (!MOVABLE.includes(sacrifice.status))
        throw conflict(`The sacrifice of animal ${animal.tag} is already ${sacrifice.status.toLowerCase()}.`);
      const replacement = await tx.findOne(Animal, { id: replacementId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!replacement) throw notFound('Animal', replacementId);
      if (replacement.siteId !== animal.siteId || replacement.species !== animal.species)
        throw badInput(`The replacement must be a ${animal.species.toLowerCase()} of the same site.`, 'replacementId');
      if (replacement.status !== AnimalStatus.AVAILABLE)
        throw conflict(`Animal ${replacement.tag} is ${replacement.status.toLowerCase()}, not available.`);
      if (replacement.sharesCapacity < sacrifice.shareCount)
        throw badInput(`Animal ${replacement.tag} carries fewer shares than this sacrifice has.`, 'replacementId');

      const before = { animalId: animal.id, animalStatus: animal.status, sacrificeStatus: sacrifice.status };
      animal.status = AnimalStatus.UNFIT;
      animal.unfitReason = why;
      replacement.status = AnimalStatus.ALLOCATED;
      sacrifice.animalId = replacement.id;
      // The old animal leaves the unique (animal_id) slot before the replacement takes it.
      await tx.flush();
      await reannounce(tx, sacrifice, this.now());
      for (const donorId of sacrifice.donorIds)
        enqueue(tx, Subject.NotificationSend, {
          recipientAccountId: donorId,
          kind: NotificationKind.AnimalReplaced,
          params: { sacrificeId: sacrifice.id, species: sacrifice.species },
        });
      await audit(tx, 'sacrifice', actor, {
        action: 'animal.replaced',
        entityType: 'Sacrifice',
        entityIds: [sacrifice.id, animal.id, replacement.id],
        before,
        after: { animalId: replacement.id, animalStatus: AnimalStatus.UNFIT, sacrificeStatus: sacrifice.status },
      });
      return sacrifice;
    });
  }
}
