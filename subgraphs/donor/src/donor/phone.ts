import { badInput } from '@qurbani/kit';

const E164 = /^\+[1-9]\d{6,14}$/;

/** Strips spaces, dashes, dots and brackets, then insists on E.164 (`+` and 7 to 15 digits). */
export function normalisePhone(raw: string): string {
  const phone = raw.replace(/[\s\-.()]/g, '');
  if (!E164.test(phone)) throw badInput('Give the phone number in international form, e.g. +212600000000.', 'phone');
  return phone;
}
