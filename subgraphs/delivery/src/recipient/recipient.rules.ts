import { ALL_MESSAGE_LANGUAGES } from '@qurbani/events';
import { badInput } from '@qurbani/kit';

/** A name or region: trimmed, 1 to 120 characters. */
export function recipientText(value: string, field: string): string {
  const v = value.trim();
  if (!v || v.length > 120) throw badInput(`Give a ${field} of 1 to 120 characters.`, field);
  return v;
}

export function householdSize(value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > 100)
    throw badInput('householdSize must be between 1 and 100.', 'householdSize');
  return value;
}

export function priority(value: number): number {
  if (!Number.isInteger(value) || value < 0) throw badInput('priority must be 0 or more.', 'priority');
  return value;
}

/** The language of the family's SMS. */
export function messageLanguage(value: string): string {
  const language = value.trim().toLowerCase();
  if (!(ALL_MESSAGE_LANGUAGES as readonly string[]).includes(language))
    throw badInput(`language is one of ${ALL_MESSAGE_LANGUAGES.join(', ')}.`, 'language');
  return language;
}
