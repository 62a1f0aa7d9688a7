import { eventEntities } from '@qurbani/events';
import { Analysis } from './analysis/analysis.entity.js';
import { SacrificeExpectation } from './expectation/sacrifice-expectation.entity.js';

export const entities = [SacrificeExpectation, Analysis, ...eventEntities];
