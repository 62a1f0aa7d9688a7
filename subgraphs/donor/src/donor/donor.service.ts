import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { assertPhone, badInput, FieldCipher } from '@qurbani/kit';
import { Donor } from './donor.entity.js';
import { PHONE_CHANNELS } from './donor.enums.js';
import type { UpdateDonorProfileInput } from './donor.inputs.js';

export class DonorService {
  private readonly cipher: FieldCipher;

  constructor(piiKey: string) {
    this.cipher = new FieldCipher(piiKey);
  }

  /** Creates the donor row with defaults if it is missing; safe when two first requests race. */
  async ensure(em: EntityManager, donorId: string): Promise<void> {
    const defaults = new Donor();
    await em
      .createQueryBuilder(Donor)
      .insert({
        id: donorId,
        language: defaults.language,
        contactChannels: defaults.contactChannels,
        phoneEncrypted: null,
        blurVideosByDefault: defaults.blurVideosByDefault,
        createdAt: defaults.createdAt,
        updatedAt: defaults.updatedAt,
      })
      .onConflict('id')
      .ignore()
      .execute('run');
  }

  find(em: EntityManager, donorId: string): Promise<Donor | null> {
    return em.findOne(Donor, { id: donorId });
  }

  /** Applies only the fields given; SMS and WhatsApp need a phone number to reach. */
  updateProfile(em: EntityManager, donorId: string, input: UpdateDonorProfileInput): Promise<Donor> {
    return em.transactional(async (tx) => {
      await this.ensure(tx, donorId);
      const donor = await tx.findOneOrFail(Donor, { id: donorId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (input.language) donor.language = input.language;
      if (input.contactChannels) donor.contactChannels = [...new Set(input.contactChannels)];
      if (input.blurVideosByDefault != null) donor.blurVideosByDefault = input.blurVideosByDefault;
      if (input.phone !== undefined)
        donor.phoneEncrypted = input.phone?.trim() ? this.cipher.encrypt(assertPhone(input.phone)) : null;
      if (!donor.phoneEncrypted && donor.contactChannels.some((c) => PHONE_CHANNELS.has(c))) {
        throw badInput('SMS and WhatsApp need a phone number: add one or choose another channel.', 'contactChannels');
      }
      return donor;
    });
  }

  phoneOf(donor: Donor): string | null {
    return donor.phoneEncrypted ? this.cipher.decrypt(donor.phoneEncrypted) : null;
  }
}
