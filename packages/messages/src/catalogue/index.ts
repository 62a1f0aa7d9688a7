import type { MessageLanguage } from '@qurbani/events';
import { ar } from './ar.js';
import { bn } from './bn.js';
import { en } from './en.js';
import { fr } from './fr.js';
import { ha } from './ha.js';
import type { Catalogue, CompleteCatalogue } from './types.js';
import { ur } from './ur.js';

/** Every language's catalogue; a new language is a file here and a line in `MessageLanguage`. */
export const CATALOGUES: Readonly<Record<MessageLanguage, Catalogue>> & { en: CompleteCatalogue } = {
  en,
  ar,
  fr,
  ur,
  bn,
  ha,
};
