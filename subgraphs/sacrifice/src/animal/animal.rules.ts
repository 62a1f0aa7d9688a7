import { badInput } from '@qurbani/kit';

/** An ear tag: trimmed, 1 to 64 characters. */
export function animalTag(value: string, field: string): string {
  const tag = value.trim();
  if (!tag || tag.length > 64) throw badInput(`${field} must have 1 to 64 characters.`, field);
  return tag;
}

/** A weight in kilograms, or none. */
export function animalWeight(value: number | null | undefined, field: string): number | null {
  const weightKg = value ?? null;
  if (weightKg !== null && !(weightKg > 0 && weightKg < 2000))
    throw badInput(`${field} must be between 0 and 2000.`, field);
  return weightKg;
}
