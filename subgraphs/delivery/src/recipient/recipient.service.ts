import { ALL_MESSAGE_LANGUAGES } from '@qurbani/events';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, findPage, type PageArgs } from '@qurbani/kit';
import { RecipientPrivacy } from './recipient-privacy.js';
import { Recipient } from './recipient.entity.js';
import type { CreateRecipientInput } from './recipient.inputs.js';

export class RecipientService {
  readonly privacy: RecipientPrivacy;

  constructor(piiKey: string) {
    this.privacy = new RecipientPrivacy(piiKey);
  }

  async create(em: EntityManager, input: CreateRecipientInput): Promise<Recipient> {
    const name = input.name.trim();
    if (!name || name.length > 120) throw badInput('Give a name of 1 to 120 characters.', 'name');
    if (!Number.isInteger(input.householdSize) || input.householdSize < 1 || input.householdSize > 100) {
      throw badInput('householdSize must be between 1 and 100.', 'householdSize');
    }
    const region = input.region.trim();
    if (!region || region.length > 120) throw badInput('Give a region of 1 to 120 characters.', 'region');
    if (!Number.isInteger(input.priority) || input.priority < 0)
      throw badInput('priority must be 0 or more.', 'priority');
    const language = (input.language ?? 'en').trim().toLowerCase();
    if (!(ALL_MESSAGE_LANGUAGES as readonly string[]).includes(language))
      throw badInput(`language is one of ${ALL_MESSAGE_LANGUAGES.join(', ')}.`, 'language');
    const recipient = em.create(Recipient, {
      language,
      name,
      householdSize: input.householdSize,
      region,
      priority: input.priority,
      ...this.privacy.seal(input),
    });
    await em.flush();
    return recipient;
  }

  async list(em: EntityManager, region: string | undefined, page: PageArgs) {
    return findPage(em, Recipient, region ? { region: region.trim() } : {}, page);
  }
}
