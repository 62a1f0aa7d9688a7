/** A satisfiable single range, `null` for "send it all", or `'unsatisfiable'` (416). */
export type ParsedRange = { start: number; end: number } | null | 'unsatisfiable';

/**
 * Parses an HTTP `Range` header for one byte range (`bytes=a-b`, `bytes=a-`, `bytes=-n`). Several
 * ranges or other units are answered with the whole object, as RFC 9110 allows.
 */
export function parseRange(header: string | undefined, size: number): ParsedRange {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}
