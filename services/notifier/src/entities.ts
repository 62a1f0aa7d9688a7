import { eventEntities } from '@qurbani/events';
import { Send } from './send/send.entity.js';

export const entities = [Send, ...eventEntities];
