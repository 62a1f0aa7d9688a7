import { ConnectionType } from '@qurbani/kit';
import { Hide } from './hide.entity.js';

export const HideConnection = ConnectionType('Hide', Hide);
