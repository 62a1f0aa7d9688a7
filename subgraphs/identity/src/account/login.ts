import { createHmac } from 'node:crypto';
import { badInput, normalisePhone } from '@qurbani/kit';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Lower-cases an email, or normalises a phone number to E.164 (the kit's one rule); refuses anything else. */
export function normaliseLogin(login: string): string {
  const value = login.trim().toLowerCase();
  const normalised = value.includes('@') ? (EMAIL.test(value) ? value : null) : normalisePhone(value);
  if (normalised) return normalised;
  throw badInput('Give an email address or a phone number in international form (+...).', 'login');
}

/** Keyed digest so the login is unique and searchable without being stored in clear. */
export const loginDigest = (normalised: string, key: string) =>
  createHmac('sha256', key).update(normalised).digest('hex');
