import { registerEnumType } from 'type-graphql';

export enum HideStatus {
  COLLECTED = 'COLLECTED',
  PRESERVED = 'PRESERVED',
  GRADED = 'GRADED',
  IN_LOT = 'IN_LOT',
  SOLD = 'SOLD',
  SPOILED = 'SPOILED',
}

/** Same values as the sacrifice subgraph's `Species` (and the events' payloads). */
export enum Species {
  SHEEP = 'SHEEP',
  GOAT = 'GOAT',
  COW = 'COW',
  CAMEL = 'CAMEL',
}

export enum HideGrade {
  A = 'A',
  B = 'B',
  C = 'C',
  REJECTED = 'REJECTED',
}

registerEnumType(HideStatus, {
  name: 'HideStatus',
  description: 'Where a hide is between the slaughter and the tannery.',
  valuesConfig: {
    COLLECTED: { description: 'Taken off the animal, not yet salted: it spoils after its preserveBy time.' },
    PRESERVED: { description: 'Salted or otherwise cured in time.' },
    SPOILED: { description: 'Lost; it will not be sold.' },
  },
});
registerEnumType(Species, { name: 'Species', description: 'Animal species.' });
registerEnumType(HideGrade, { name: 'HideGrade', description: 'Quality grade; REJECTED hides are not sold.' });
