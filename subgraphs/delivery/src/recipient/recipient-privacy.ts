import { assertPhone, badInput, FieldCipher } from '@qurbani/kit';
import type { CreateRecipientInput } from './recipient.inputs.js';
import type { Recipient } from './recipient.entity.js';

export interface Location {
  lat: number;
  lon: number;
}

/** The one place recipients' personal data is encrypted and decrypted. */
export class RecipientPrivacy {
  private readonly cipher: FieldCipher;

  constructor(piiKey: string) {
    this.cipher = new FieldCipher(piiKey);
  }

  /** Validates and encrypts phone, address and location; never echoes the values in errors. */
  seal(input: Pick<CreateRecipientInput, 'phone' | 'address' | 'latitude' | 'longitude'>) {
    return {
      phoneEncrypted: this.sealPhone(input.phone),
      addressEncrypted: this.sealAddress(input.address),
      locationEncrypted: this.sealLocation(input.latitude, input.longitude),
    };
  }

  /** Encrypts a corrected phone (validated). */
  sealPhone(phone: string): string {
    return this.cipher.encrypt(assertPhone(phone));
  }

  /** Encrypts a corrected address. */
  sealAddress(value: string): string {
    const address = value.trim();
    if (!address || address.length > 500) throw badInput('Give an address of 1 to 500 characters.', 'address');
    return this.cipher.encrypt(address);
  }

  /** Encrypts a corrected location; both coordinates or neither. */
  sealCoordinates(latitude?: number | null, longitude?: number | null): string | null {
    return this.sealLocation(latitude, longitude);
  }

  phoneOf(recipient: Recipient): string {
    return this.cipher.decrypt(recipient.phoneEncrypted);
  }

  addressOf(recipient: Recipient): string {
    return this.cipher.decrypt(recipient.addressEncrypted);
  }

  locationOf(recipient: Recipient): Location | null {
    if (!recipient.locationEncrypted) return null;
    const [lat, lon] = this.cipher.decrypt(recipient.locationEncrypted).split(',').map(Number);
    return { lat: lat!, lon: lon! };
  }

  private sealLocation(latitude?: number | null, longitude?: number | null): string | null {
    if (latitude == null && longitude == null) return null;
    if (latitude == null || longitude == null)
      throw badInput('Give both latitude and longitude, or neither.', 'latitude');
    if (!(Math.abs(latitude) <= 90)) throw badInput('latitude must be between -90 and 90.', 'latitude');
    if (!(Math.abs(longitude) <= 180)) throw badInput('longitude must be between -180 and 180.', 'longitude');
    return this.cipher.encrypt(`${latitude},${longitude}`);
  }
}
