import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** Wrong PINs a delivery accepts before it is locked until an organizer resets it. */
export const MAX_PIN_FAILURES = 5;

export interface SealedPin {
  pinSalt: string;
  pinHash: string;
}

/** A 6-digit PIN the recipient gives the driver, and its salted digest, the only form stored. */
export function newPin(key: string): { pin: string } & SealedPin {
  const pin = randomInt(0, 1_000_000).toString().padStart(6, '0');
  const pinSalt = randomBytes(16).toString('base64');
  return { pin, pinSalt, pinHash: digest(pin, pinSalt, key) };
}

export function pinMatches(pin: string, sealed: SealedPin, key: string): boolean {
  const expected = Buffer.from(sealed.pinHash, 'hex');
  const actual = Buffer.from(digest(pin, sealed.pinSalt, key), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

// Keyed as well as salted: a million PINs are quick to try, so a leaked table alone must not be enough.
const digest = (pin: string, salt: string, key: string) =>
  createHmac('sha256', key).update(`${salt}:${pin}`).digest('hex');
