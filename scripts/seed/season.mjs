// The season, its sites and their animals; each step finds what an earlier run created.
import { importCsv } from '@qurbani/sdk';

const SEASONS = 'query Seasons { seasons(first: 100) { edges { node { id name hijriYear day10 day13 } } } }';
const CREATE_SEASON =
  'mutation CreateSeason($input: CreateSeasonInput!) { createSeason(input: $input) { id name hijriYear day10 day13 } }';
const SITE_FIELDS = 'id name region timeZone window { startsAtLocal endsAtLocal }';
const SITES = `query Sites($seasonId: ID!) { sites(seasonId: $seasonId, first: 100) { edges { node { ${SITE_FIELDS} } } } }`;
const CREATE_SITE = `mutation CreateSite($input: CreateSiteInput!) { createSite(input: $input) { ${SITE_FIELDS} } }`;

/** The current Umm al-Qura year: the season a charity prepares now. */
export function currentHijriYear(date = new Date()) {
  const format = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura', { year: 'numeric', timeZone: 'UTC' });
  return Number(format.formatToParts(date).find((p) => p.type === 'year').value);
}

/** One season per Hijri year: reuse it when it exists. */
export async function ensureSeason(organizer, hijriYear, name) {
  const { seasons } = await organizer.call(SEASONS);
  const existing = seasons.edges.map((e) => e.node).find((s) => s.hijriYear === hijriYear);
  if (existing) return existing;
  return (await organizer.call(CREATE_SEASON, { input: { name, hijriYear } })).createSeason;
}

/** Sites are unique by name within a season. */
export async function ensureSites(organizer, seasonId, sites) {
  const { sites: existing } = await organizer.call(SITES, { seasonId });
  const byName = new Map(existing.edges.map((e) => [e.node.name, e.node]));
  const result = [];
  for (const { animals, currency, prices, ...input } of sites) {
    result.push(
      byName.get(input.name) ?? (await organizer.call(CREATE_SITE, { input: { ...input, seasonId } })).createSite,
    );
  }
  return result;
}

/**
 * Adds the animals through the CSV import, as an organizer loads a site's stock (lenient: tags an
 * earlier run added are refused as taken, the rest imported); returns how many were added.
 */
export async function ensureAnimals(api, organizer, siteId, animalsBySpecies) {
  const rows = Object.entries(animalsBySpecies).flatMap(([species, animals]) =>
    animals.map((a) => `${a.tag},${species},${a.weightKg ?? ''}`),
  );
  const report = await importCsv(
    api.url,
    organizer.token,
    'animals',
    { mode: 'lenient', siteId },
    ['tag,species,weight_kg', ...rows, ''].join('\n'),
  );
  const refused = report.errors.filter((e) => e.column !== 'tag' || !/already used/.test(e.reason));
  if (refused.length) throw new Error(`the demo animals were refused: ${JSON.stringify(refused.slice(0, 3))}`);
  return report.imported;
}

const SET_PRICE =
  'mutation SetSharePrice($input: SetSharePriceInput!) { setSharePrice(input: $input) { id amountMinor currency } }';

/** Sets each site's price of a share of every species it has, in its currency (again on each run: harmless). */
export async function ensurePrices(organizer, sites, definitions) {
  for (const [i, site] of sites.entries()) {
    const { currency, prices } = definitions[i];
    for (const [species, amountMinor] of Object.entries(prices))
      await organizer.call(SET_PRICE, { input: { siteId: site.id, species, amountMinor, currency } });
  }
}
