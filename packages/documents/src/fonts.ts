import { create, type Font } from 'fontkit';
import { existsSync, readFileSync } from 'node:fs';

/**
 * DejaVu Sans (Debian `fonts-dejavu-core`) has Latin and Arabic with its shaping tables, so one
 * font writes a mixed line; Noto's Arabic faces have no Latin and map the Allah ligature back to
 * the wrong letters in extracted text.
 */
const DEBIAN_FONTS = {
  regular: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  bold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
} as const;

/**
 * The faces documents are written in, parsed once per process: pdfkit takes a parsed font, and
 * parsing DejaVu's tables for every document was most of a receipt's render time.
 */
export interface DocumentFonts {
  readonly regular: Font;
  readonly bold: Font;
}

const parse = (file: string): Font => create(readFileSync(file)) as Font;

let loaded: { key: string; fonts: DocumentFonts } | null = null;

/**
 * Finds the fonts at run time: `QURBANI_PDF_FONT` / `QURBANI_PDF_FONT_BOLD` when set, else
 * Debian's. Throws a message that says what to install when a file is missing.
 */
export function documentFonts(env: NodeJS.ProcessEnv = process.env): DocumentFonts {
  const regular = env.QURBANI_PDF_FONT || DEBIAN_FONTS.regular;
  const bold = env.QURBANI_PDF_FONT_BOLD || (env.QURBANI_PDF_FONT ? regular : DEBIAN_FONTS.bold);
  for (const file of [regular, bold])
    if (!existsSync(file))
      throw new Error(
        `documents: font ${file} is missing: install the Debian package fonts-dejavu-core, or point ` +
          'QURBANI_PDF_FONT (and QURBANI_PDF_FONT_BOLD) at a TrueType font with Latin and Arabic glyphs',
      );
  const key = `${regular}\n${bold}`;
  if (loaded?.key !== key) loaded = { key, fonts: { regular: parse(regular), bold: parse(bold) } };
  return loaded.fonts;
}
