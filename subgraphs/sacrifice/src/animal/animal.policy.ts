import type { FilterQuery } from '@mikro-orm/core';
import type { Viewer } from '@qurbani/kit';
import { throughSacrifices } from '../sacrifice/sacrifice.policy.js';
import type { Animal } from './animal.entity.js';

/** Who sees an animal (`Sacrifice.animal`, `_entities`): organizers all; others the animals of sacrifices they see. */
export const animalFilter = (viewer: Viewer | null): FilterQuery<Animal> =>
  throughSacrifices<Animal>(viewer, (a) => `s.animal_id = ${a}.id`);
