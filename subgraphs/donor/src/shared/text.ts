import { badInput } from '@qurbani/kit';

/** A required free-text field, trimmed: 1 to `max` characters. */
export function requiredText(value: string, field: string, max: number): string {
  const trimmed = value.trim();
  if (!trimmed || trimmed.length > max) throw badInput(`${field} must be 1 to ${max} characters.`, field);
  return trimmed;
}
