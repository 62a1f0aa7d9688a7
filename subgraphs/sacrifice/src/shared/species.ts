import { registerEnumType } from 'type-graphql';

/** Same values as the donor subgraph's `Species` and the events' `Species`. */
export enum Species {
  SHEEP = 'SHEEP',
  GOAT = 'GOAT',
  COW = 'COW',
  CAMEL = 'CAMEL',
}

registerEnumType(Species, { name: 'Species', description: 'A sheep or goat is one share; a cow or camel is seven shares.' });

/** A sheep or goat is one share; a cow or camel is seven. */
export const SHARES_PER_ANIMAL: Readonly<Record<Species, number>> = { SHEEP: 1, GOAT: 1, COW: 7, CAMEL: 7 };

export const ALL_SPECIES = Object.values(Species);
