import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { audit, conflict, notFound, type AuditActor } from '@qurbani/kit';
import type { RecipientPrivacy } from './recipient-privacy.js';
import { Recipient } from './recipient.entity.js';
import type { UpdateRecipientInput } from './recipient.inputs.js';
import { householdSize, messageLanguage, priority, recipientText } from './recipient.rules.js';

// The trail holds no names, phones or addresses: only that they changed.
const summary = (r: Recipient) => ({
  householdSize: r.householdSize,
  region: r.region,
  priority: r.priority,
  language: r.language,
  archived: r.archivedAt !== null,
});

/** Corrects a family's record; contact fields are re-encrypted, and a delivery already made keeps its own PIN and route. */
export async function updateRecipient(
  em: EntityManager,
  privacy: RecipientPrivacy,
  actor: AuditActor,
  id: string,
  input: UpdateRecipientInput,
): Promise<Recipient> {
  return em.fork().transactional(async (tx) => {
    const r = await tx.findOne(Recipient, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!r) throw notFound('Recipient', id);
    const before = summary(r);
    const contactChanged: string[] = [];
    if (input.name != null) {
      r.name = recipientText(input.name, 'name');
      contactChanged.push('name');
    }
    if (input.householdSize != null) r.householdSize = householdSize(input.householdSize);
    if (input.region != null) r.region = recipientText(input.region, 'region');
    if (input.priority != null) r.priority = priority(input.priority);
    if (input.language != null) r.language = messageLanguage(input.language);
    if (input.phone != null) {
      r.phoneEncrypted = privacy.sealPhone(input.phone);
      contactChanged.push('phone');
    }
    if (input.address != null) {
      r.addressEncrypted = privacy.sealAddress(input.address);
      contactChanged.push('address');
    }
    if (input.latitude !== undefined || input.longitude !== undefined) {
      r.locationEncrypted = privacy.sealCoordinates(input.latitude, input.longitude);
      contactChanged.push('location');
    }
    await tx.flush();
    await audit(tx, 'delivery', actor, {
      action: 'recipient.updated',
      entityType: 'Recipient',
      entityIds: [id],
      before,
      after: { ...summary(r), contactChanged },
    });
    return r;
  });
}

/** Archives a family (no new pack goes to it; deliveries already made go on) or brings it back. */
export async function setRecipientArchived(em: EntityManager, actor: AuditActor, id: string, archived: boolean) {
  return em.fork().transactional(async (tx) => {
    const r = await tx.findOne(Recipient, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!r) throw notFound('Recipient', id);
    if ((r.archivedAt !== null) === archived)
      throw conflict(archived ? 'This family is already archived.' : 'This family is not archived.');
    r.archivedAt = archived ? new Date() : null;
    await tx.flush();
    await audit(tx, 'delivery', actor, {
      action: archived ? 'recipient.archived' : 'recipient.restored',
      entityType: 'Recipient',
      entityIds: [id],
      before: { archived: !archived },
      after: { archived },
    });
    return r;
  });
}
