import { Species } from '@qurbani/events';
import { registerEnumType } from 'type-graphql';

// The values are the events' (`@qurbani/events`); this subgraph only shows them in its schema.
export { Species };

export enum HideStatus {
  COLLECTED = 'COLLECTED',
  PRESERVED = 'PRESERVED',
  GRADED = 'GRADED',
  IN_LOT = 'IN_LOT',
  SOLD = 'SOLD',
  SPOILED = 'SPOILED',
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
registerEnumType(Species, {
  name: 'Species',
  description: 'A sheep or goat is one share; a cow or camel is seven shares.',
});
registerEnumType(HideGrade, { name: 'HideGrade', description: 'Quality grade; REJECTED hides are not sold.' });
