import type { EntityManager } from '@mikro-orm/postgresql';
import { findPage, type PageArgs } from '@qurbani/kit';
import { RecipientPrivacy } from './recipient-privacy.js';
import { Recipient } from './recipient.entity.js';
import type { CreateRecipientInput } from './recipient.inputs.js';
import { householdSize, messageLanguage, priority, recipientText } from './recipient.rules.js';

export class RecipientService {
  readonly privacy: RecipientPrivacy;

  constructor(piiKey: string) {
    this.privacy = new RecipientPrivacy(piiKey);
  }

  async create(em: EntityManager, input: CreateRecipientInput): Promise<Recipient> {
    const recipient = em.create(Recipient, {
      name: recipientText(input.name, 'name'),
      householdSize: householdSize(input.householdSize),
      region: recipientText(input.region, 'region'),
      priority: priority(input.priority),
      language: messageLanguage(input.language ?? 'en'),
      ...this.privacy.seal(input),
    });
    await em.flush();
    return recipient;
  }

  async list(em: EntityManager, region: string | undefined, includeArchived: boolean, page: PageArgs) {
    const where = { ...(region ? { region: region.trim() } : {}), ...(includeArchived ? {} : { archivedAt: null }) };
    return findPage(em, Recipient, where, page);
  }
}
