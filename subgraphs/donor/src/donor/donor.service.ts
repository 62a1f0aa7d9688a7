import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { assertPhone, badInput, FieldCipher } from '@qurbani/kit';
import { Donor } from './donor.entity.js';
import { ContactChannel, PHONE_CHANNELS } from './donor.enums.js';
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
        emailEncrypted: null,
        timeZone: null,
        quietHours: null,
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
      if (input.email !== undefined)
        donor.emailEncrypted = input.email?.trim() ? this.cipher.encrypt(assertEmail(input.email)) : null;
      if (input.timeZone !== undefined) donor.timeZone = input.timeZone ? assertTimeZone(input.timeZone) : null;
      if (input.quietHours !== undefined) donor.quietHours = input.quietHours ? assertWindow(input.quietHours) : null;
      if (!donor.phoneEncrypted && donor.contactChannels.some((c) => PHONE_CHANNELS.has(c))) {
        throw badInput('SMS and WhatsApp need a phone number: add one or choose another channel.', 'contactChannels');
      }
      if (!donor.emailEncrypted && donor.contactChannels.includes(ContactChannel.EMAIL)) {
        throw badInput('E-mail needs an address: add one or choose another channel.', 'contactChannels');
      }
      if (donor.quietHours && !donor.timeZone) throw badInput('Quiet hours need your time zone.', 'timeZone');
      return donor;
    });
  }

  phoneOf(donor: Donor): string | null {
    return donor.phoneEncrypted ? this.cipher.decrypt(donor.phoneEncrypted) : null;
  }

  emailOf(donor: Donor): string | null {
    return donor.emailEncrypted ? this.cipher.decrypt(donor.emailEncrypted) : null;
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function assertEmail(value: string): string {
  const email = value.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 254) throw badInput('Give a valid e-mail address.', 'email');
  return email;
}

function assertTimeZone(zone: string): string {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    throw badInput('Give an IANA time zone such as Asia/Karachi.', 'timeZone');
  }
}

function assertWindow(window: string): string {
  const m = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(window.trim());
  if (!m) throw badInput('Quiet hours are HH:MM-HH:MM, e.g. 22:00-07:00.', 'quietHours');
  return window.trim();
}
