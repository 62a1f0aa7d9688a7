import { badInput } from './errors.js';

const E164 = /^\+[1-9]\d{6,14}$/;
/** What people type between digits: spaces, dashes, dots and brackets. */
const SEPARATORS = /[\s\-.()]/g;

/**
 * The one phone normalisation of the platform: strips spaces, dashes, dots and brackets and returns
 * the number in E.164 (`+` and 7 to 15 digits), or null when it is not one. Logins, donors and
 * recipients all go through it, so one number is stored (and hashed) one way everywhere.
 */
export function normalisePhone(raw: string): string | null {
  const phone = raw.trim().replace(SEPARATORS, '');
  return E164.test(phone) ? phone : null;
}

/** {@link normalisePhone}, or BAD_USER_INPUT on `field`; the message never echoes the number. */
export function assertPhone(raw: string, field = 'phone'): string {
  const phone = normalisePhone(raw);
  if (!phone) throw badInput('Give the phone number in international form, e.g. +212600000000.', field);
  return phone;
}
