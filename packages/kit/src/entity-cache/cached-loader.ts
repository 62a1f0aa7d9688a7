import type DataLoader from 'dataloader';
import type { SubgraphContext } from '../context.js';
import type { EntityCache } from './entity-cache.js';

/**
 * The request's loader in front of a shared cache: one Redis round trip per batch. It applies no
 * policy, so use it only where the viewer's right to the row follows from a row they were already
 * allowed to see (say why at the call).
 */
export const cachedLoader = <T extends object>(
  ctx: SubgraphContext,
  cache: EntityCache<T>,
): DataLoader<string, T | null> =>
  ctx.loaders.get<string, T | null>(`${cache.entity}.cached`, (ids) => cache.getMany(ids));
