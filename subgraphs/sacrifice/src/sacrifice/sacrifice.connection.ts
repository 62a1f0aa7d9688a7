import { ConnectionType } from '@qurbani/kit';
import { Sacrifice } from './sacrifice.entity.js';

/** Declared once: type-graphql would otherwise see two `SacrificeConnection` types. */
export const SacrificeConnection = ConnectionType('Sacrifice', Sacrifice);
