import { badInput } from '@qurbani/kit';

const DAY_MS = 86_400_000;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a wall-clock time of day written `HH:MM` (24 h). */
export function assertLocalTime(value: string, field: string): string {
  if (!TIME.test(value)) throw badInput(`${field} must be a time of day written HH:MM (24 h), e.g. 07:30.`, field);
  return value;
}

/** Checks a calendar date written `YYYY-MM-DD` that actually exists (no 2026-02-30). */
export function assertIsoDate(value: string, field: string): string {
  if (!DATE.test(value) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw badInput(`${field} must be a date written YYYY-MM-DD.`, field);
  }
  return value;
}

export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}
