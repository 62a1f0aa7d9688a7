import type { EntityManager } from '@mikro-orm/postgresql';
import { assertId, badInput, conflict, notFound } from '@qurbani/kit';
import { AllocatedSacrifice, SacrificeProgress } from '@qurbani/events';
import { MeatPack } from './meat-pack.entity.js';

const MAX_PACKS_PER_CALL = 200;
const MAX_PACK_KG = 100;

export class MeatPackService {
  /**
   * Packs cut from one sacrifice; the sacrifice must have been allocated (its donors are known) and
   * performed (`sacrifice.status-changed`): meat of an animal not yet sacrificed does not exist.
   */
  async create(em: EntityManager, sacrificeId: string, weightsKg: number[]): Promise<MeatPack[]> {
    const id = assertId(sacrificeId, 'sacrificeId');
    if (weightsKg.length < 1 || weightsKg.length > MAX_PACKS_PER_CALL) {
      throw badInput(`Give 1 to ${MAX_PACKS_PER_CALL} pack weights.`, 'weightsKg');
    }
    const grams = weightsKg.map((kg) => Math.round(kg * 1000));
    if (grams.some((g, i) => !Number.isFinite(weightsKg[i]!) || g < 1 || g > MAX_PACK_KG * 1000)) {
      throw badInput(`Each pack weighs more than 0 and at most ${MAX_PACK_KG} kg.`, 'weightsKg');
    }
    if (!(await em.count(AllocatedSacrifice, { sacrificeId: id }))) throw notFound('Allocated sacrifice', id);
    if (!(await em.count(SacrificeProgress, { sacrificeId: id, performedAt: { $ne: null } })))
      throw conflict('This sacrifice is not performed yet: record the sacrifice before its meat packs.');
    const packs = grams.map((weightGrams) => em.create(MeatPack, { sacrificeId: id, weightGrams }));
    await em.flush();
    return packs;
  }
}
