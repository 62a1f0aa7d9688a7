import { Species } from '@qurbani/events';
import { registerEnumType } from 'type-graphql';

// The values are the events' (`@qurbani/events`); this subgraph only shows them in its schema.
registerEnumType(Species, {
  name: 'Species',
  description: 'A sheep or goat is one share; a cow or camel is seven shares.',
});

export { ALL_SPECIES, Species } from '@qurbani/events';
