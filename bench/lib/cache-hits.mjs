// The sacrifice subgraph's entity cache, read from its /metrics: hits and misses per entity.
const SERIES = /^entity_cache_requests_total\{([^}]*)\} ([0-9.e+-]+)$/gm;

/** Hits, misses and errors per entity, summed over the /metrics URLs given (a subgraph's copies). */
export async function entityCacheCounts(...metricsUrls) {
  const counts = {};
  for (const url of metricsUrls) {
    const text = await (await fetch(url)).text();
    for (const [, labels, value] of text.matchAll(SERIES)) {
      const entity = /entity="([^"]*)"/.exec(labels)?.[1];
      const outcome = /outcome="([^"]*)"/.exec(labels)?.[1];
      (counts[entity] ??= { hit: 0, miss: 0, error: 0 })[outcome] += Number(value);
    }
  }
  return counts;
}

/** Hit rate per entity between two readings, as "Site 100.0% (1,200 of 1,200)". */
export function hitRates(before, after) {
  return Object.entries(after).map(([entity, now]) => {
    const was = before[entity] ?? { hit: 0, miss: 0, error: 0 };
    const hit = now.hit - was.hit;
    const asked = hit + (now.miss - was.miss) + (now.error - was.error);
    const pct = asked ? ((100 * hit) / asked).toFixed(1) : '-';
    return `${entity} ${pct}% (${hit.toLocaleString('en')} of ${asked.toLocaleString('en')})`;
  });
}
