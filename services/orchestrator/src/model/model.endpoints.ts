/**
 * The copies of the model service one orchestrator calls (`MODEL_URL=http://a:4200|http://b:4200`):
 * calls go round them in turn, and a copy that could not be reached is passed over for a while, so a
 * dead copy costs one failed connection, not every other call. With one URL it is always that one.
 */
export class ModelEndpoints {
  private readonly urls: readonly string[];
  private readonly downUntil = new Map<string, number>();
  private turn = 0;

  constructor(
    list: string,
    private readonly restMs = 5000,
  ) {
    this.urls = parseModelUrls(list);
  }

  /** The next copy to call: the next in turn that is not resting, or the next in turn if all are. */
  next(): string {
    const now = Date.now();
    for (let i = 0; i < this.urls.length; i++) {
      const url = this.urls[(this.turn + i) % this.urls.length]!;
      if ((this.downUntil.get(url) ?? 0) <= now) {
        this.turn = (this.turn + i + 1) % this.urls.length;
        return url;
      }
    }
    return this.urls[this.turn++ % this.urls.length]!;
  }

  /** A connection to `url` failed: call the others for a while. */
  unreachable(url: string): void {
    if (this.urls.length > 1) this.downUntil.set(url, Date.now() + this.restMs);
  }
}

/** `MODEL_URL`: one URL, or several separated by `|`; throws on anything that is not an http(s) URL. */
export function parseModelUrls(list: string): string[] {
  const urls = list
    .split('|')
    .map((u) => u.trim())
    .filter(Boolean);
  if (!urls.length) throw new Error('MODEL_URL names no model service');
  for (const url of urls)
    if (!/^https?:$/.test(new URL(url).protocol)) throw new Error(`MODEL_URL: not an http(s) URL: ${url}`);
  return urls;
}
