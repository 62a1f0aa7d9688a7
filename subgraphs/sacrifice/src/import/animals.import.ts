import { ImportRefused, newId, queryId, type CsvImport } from '@qurbani/kit';
import { animalTag, animalWeight } from '../animal/animal.rules.js';
import { SHARES_PER_ANIMAL } from '../share/shares.rules.js';
import { Species } from '../shared/species.js';
import { Site } from '../site/site.entity.js';
import { checkColumns, firstTaker, optionalNumber } from './import-rules.js';

interface AnimalRow {
  tag: string;
  species: Species;
  weightKg: number | null;
}

interface AnimalTarget {
  siteId: string;
  seasonId: string;
}

const SPECIES = Object.values(Species) as string[];

/** `POST /imports/animals?siteId=`: columns tag, species, weight_kg; a tag used this season is refused. */
export const animalsImport: CsvImport<AnimalRow, AnimalTarget> = {
  kind: 'animals',
  requiredColumns: ['tag', 'species'],
  optionalColumns: ['weight_kg'],
  async target(em, query) {
    const siteId = queryId(query, 'siteId', 'Give the site the animals are for: ?siteId=<id>.');
    const site = await em.findOne(Site, { id: siteId });
    if (!site) throw new ImportRefused(404, 'NOT_FOUND', 'No such site.');
    if (site.archivedAt) throw new ImportRefused(409, 'CONFLICT', 'This site is archived; restore it first.');
    return { siteId, seasonId: site.seasonId };
  },
  check: (r) =>
    checkColumns(
      {
        tag: () => animalTag(r.tag ?? '', 'tag'),
        species: () => {
          const s = (r.species ?? '').toUpperCase();
          if (!SPECIES.includes(s)) throw new Error(`species is one of ${SPECIES.join(', ')}.`);
          return s as Species;
        },
        weight_kg: () => animalWeight(optionalNumber(r.weight_kg, 'weight_kg'), 'weight_kg'),
      },
      (v) => ({ tag: v.tag as string, species: v.species as Species, weightKg: v.weight_kg as number | null }),
    ),
  async insert(tx, rows, target) {
    const values = rows.map(() => "(?, ?, ?, ?, ?, ?, 'AVAILABLE', ?, now())").join(', ');
    const params = rows.flatMap((r) => [
      newId(),
      target.siteId,
      target.seasonId,
      r.species,
      r.tag,
      r.weightKg,
      SHARES_PER_ANIMAL[r.species],
    ]);
    const inserted = await tx.execute<{ tag: string }[]>(
      `insert into animal (id, site_id, season_id, species, tag, weight_kg, status, shares_capacity, created_at)
       values ${values} on conflict (season_id, tag) do nothing returning tag`,
      params,
    );
    return firstTaker(rows, (r) => r.tag, new Set(inserted.map((i) => i.tag)), {
      column: 'tag',
      reason: 'This tag is already used this season (by an animal there or an earlier line).',
    });
  },
  audit: { scope: 'sacrifice', entityType: 'Site', entityIds: (t) => [t.siteId] },
};
