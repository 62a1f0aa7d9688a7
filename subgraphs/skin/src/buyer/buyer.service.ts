import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, FieldCipher, findPage, type PageArgs } from '@qurbani/kit';
import { Buyer } from './buyer.entity.js';

export class BuyerService {
  private readonly cipher: FieldCipher;

  constructor(
    piiKey: string,
    private readonly now: () => Date,
  ) {
    this.cipher = new FieldCipher(piiKey);
  }

  async create(em: EntityManager, input: { name: string; contact: string }): Promise<Buyer> {
    const name = input.name.trim();
    const contact = input.contact.trim();
    if (!name || name.length > 120) throw badInput('Give a name of 1 to 120 characters.', 'name');
    if (contact.length < 3 || contact.length > 300) throw badInput('Give a contact of 3 to 300 characters.', 'contact');
    const buyer = em.create(Buyer, { name, contactEncrypted: this.cipher.encrypt(contact), createdAt: this.now() });
    await em.flush();
    return buyer;
  }

  contactOf(buyer: Buyer): string {
    return this.cipher.decrypt(buyer.contactEncrypted);
  }

  async list(em: EntityManager, page: PageArgs) {
    return findPage(em, Buyer, {}, page);
  }
}
