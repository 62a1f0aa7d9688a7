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
