import { badInput } from '@qurbani/kit';

/** A site's name or region: trimmed, 1 to 120 characters. */
export function siteText(value: string, field: string): string {
  const v = value.trim();
  if (!v || v.length > 120) throw badInput(`Give a ${field} of 1 to 120 characters.`, field);
  return v;
}

/** A latitude (limit 90) or longitude (limit 180); absent stays null. */
export function siteCoordinate(value: number | null | undefined, limit: number, field: string): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isFinite(value) || Math.abs(value) > limit)
    throw badInput(`${field} must be between -${limit} and ${limit}.`, field);
  return value;
}
