import bidiModule from 'bidi-js';

// A CommonJS module whose types declare an ES default export: Node hands over `module.exports`.
const bidiFactory = bidiModule as unknown as typeof bidiModule.default;
const bidi = bidiFactory();

/** One word of a line, with its bidi embedding level (odd: right to left). */
interface Word {
  readonly text: string;
  readonly level: number;
}

/**
 * The words of one logical line in visual (left-to-right drawing) order. pdfkit shapes Arabic
 * inside a word (fontkit reverses its glyphs) but lays words out in logical order, which reads
 * backwards; reordering whole words by the Unicode bidi rules (L2) fixes that, and drawing each
 * word apart keeps real gaps between them, so `pdftotext` finds the words again.
 */
export function visualWords(line: string, direction: 'ltr' | 'rtl'): string[] {
  const { levels } = bidi.getEmbeddingLevels(line, direction);
  const words: Word[] = [];
  for (const match of line.matchAll(/\S+/g)) words.push({ text: match[0], level: levels[match.index] ?? 0 });
  const highest = Math.max(0, ...words.map((w) => w.level));
  const lowestOdd = direction === 'rtl' ? 1 : Math.min(...words.map((w) => (w.level % 2 ? w.level : 99)));
  for (let level = highest; level >= lowestOdd; level--) {
    for (let i = 0; i < words.length;) {
      if (words[i]!.level < level) {
        i++;
        continue;
      }
      let end = i;
      while (end < words.length && words[end]!.level >= level) end++;
      words.splice(i, end - i, ...words.slice(i, end).reverse());
      i = end;
    }
  }
  return words.map((w) => w.text);
}
