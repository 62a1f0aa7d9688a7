import type { EntityManager } from '@mikro-orm/postgresql';
import { SacrificeExpectation } from './sacrifice-expectation.entity.js';

/** More names than this in one request are refused by the model service. */
const MAX_DAY_NAMES = 5000;

/** Trimmed, without repeats (case-insensitive), in first-seen order. */
export function distinctNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of names) {
    const name = raw.trim().replace(/\s+/g, ' ');
    const key = name.toLocaleLowerCase();
    if (!name || seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}

export class ExpectationRepository {
  /** The sacrifice's expectation once its names are known, else null (the analysis waits). */
  async find(em: EntityManager, sacrificeId: string): Promise<SacrificeExpectation | null> {
    const found = await em.findOne(SacrificeExpectation, { sacrificeId });
    return found && found.names.length > 0 && found.siteId ? found : null;
  }

  /**
   * The names expected at the same site on the same local day as this sacrifice (its performance
   * time, else `at`), apart from its own: names one phoneme apart among them must not auto-pass.
   * "Same day" is generous on purpose: sacrifices not yet performed count if assigned up to two
   * days before, since an extra name only costs a little time and a missing one could let a
   * confusable name pass.
   */
  async namesOfTheDay(em: EntityManager, sacrificeId: string, at: Date): Promise<string[]> {
    const rows = await em.execute<{ name: string }[]>(
      `with me as (
         select site_id, time_zone, (coalesce(performed_at, ?::timestamptz) at time zone time_zone)::date as day
         from sacrifice_expectation where sacrifice_id = ?
       )
       select distinct unnest(e.names) as name
       from sacrifice_expectation e join me on e.site_id = me.site_id
       where e.sacrifice_id <> ?
         and ((e.performed_at at time zone me.time_zone)::date = me.day
              or (e.performed_at is null
                  and (e.assigned_at is null or (e.assigned_at at time zone me.time_zone)::date between me.day - 2 and me.day)))
       limit ${MAX_DAY_NAMES}`,
      [at.toISOString(), sacrificeId, sacrificeId],
    );
    return rows.map((r) => r.name);
  }
}
