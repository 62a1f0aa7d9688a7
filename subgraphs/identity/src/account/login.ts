import { createHmac } from 'node:crypto';
import { badInput } from '@qurbani/kit';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+[1-9]\d{6,14}$/;

/** Lower-cases an email or strips spaces from an E.164 phone; refuses anything else. */
export function normaliseLogin(login: string): string {
  const value = login.trim().toLowerCase().replace(/[\s-]/g, (c) => (login.includes('@') ? c : ''));
  if (EMAIL.test(value) || PHONE.test(value)) return value;
  throw badInput('Give an email address or a phone number in international form (+...).', 'login');
}

/** Keyed digest so the login is unique and searchable without being stored in clear. */
export const loginDigest = (normalised: string, key: string) => createHmac('sha256', key).update(normalised).digest('hex');
