import type { Species } from '@qurbani/events';

/**
 * PRODUCT rule "Shares": a sheep or goat is 1 share, a cow or camel 7. An order is for N shares of
 * one species; shares are put on animals later, and one cow is sacrificed once with all 7 names.
 */
export const SHARES_PER_ANIMAL: Readonly<Record<Species, number>> = { SHEEP: 1, GOAT: 1, COW: 7, CAMEL: 7 };

/**
 * Groups pending shares, in arrival order, into the animals they fill: a whole animal before the
 * next. With `onlyFullAnimals` a last cow or camel with fewer than 7 shares is left pending.
 */
export function sharesPerAnimal<T>(shares: readonly T[], species: Species, onlyFullAnimals: boolean): T[][] {
  const capacity = SHARES_PER_ANIMAL[species];
  const groups = Array.from({ length: Math.ceil(shares.length / capacity) }, (_, i) =>
    shares.slice(i * capacity, (i + 1) * capacity),
  );
  return groups.filter((g) => !onlyFullAnimals || g.length === capacity);
}
