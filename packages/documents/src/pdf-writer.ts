import PDFDocument from 'pdfkit';
import { visualWords } from './bidi-line.js';
import type { DocumentFonts } from './fonts.js';

/** Writing direction of a document's language. */
export type Direction = 'ltr' | 'rtl';

interface LineStyle {
  readonly size?: number;
  readonly bold?: boolean;
  readonly color?: string;
}

/**
 * A page written line by line from the reader's side (right for Arabic), each line reordered for
 * bidi text; `finish()` gives the PDF's bytes. Lines do not wrap: callers keep them short.
 */
export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;

  constructor(
    fonts: DocumentFonts,
    readonly direction: Direction,
    title: string,
  ) {
    this.doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: title, Producer: 'Qurbani platform' } });
    // pdfkit accepts a parsed fontkit font at run time (anything with `layout`); its types list files only.
    const face = (font: unknown) => font as PDFKit.Mixins.PDFFontSource;
    this.doc.registerFont('regular', face(fonts.regular)).registerFont('bold', face(fonts.bold)).font('regular');
    this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
  }

  /** Left and right edges of the text area. */
  get left(): number {
    return this.doc.page.margins.left;
  }
  get right(): number {
    return this.doc.page.width - this.doc.page.margins.right;
  }

  /** Writes one line at the reader's side and moves down. */
  line(text: string, style: LineStyle = {}): this {
    const { doc } = this;
    doc
      .font(style.bold ? 'bold' : 'regular')
      .fontSize(style.size ?? 11)
      .fillColor(style.color ?? '#111111');
    const words = visualWords(text, this.direction);
    const space = doc.widthOfString(' ');
    const width = words.reduce((sum, w) => sum + doc.widthOfString(w), 0) + space * Math.max(0, words.length - 1);
    if (doc.y + doc.currentLineHeight(true) > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    let x = this.direction === 'rtl' ? this.right - width : this.left;
    for (const word of words) {
      doc.text(word, x, y, { lineBreak: false });
      x += doc.widthOfString(word) + space;
    }
    doc.x = this.left;
    doc.y = y + doc.currentLineHeight(true) * 1.35;
    return this;
  }

  /** Vertical space, in points. */
  gap(points = 10): this {
    this.doc.y += points;
    return this;
  }

  /** A thin rule across the text area. */
  rule(): this {
    this.doc.moveTo(this.left, this.doc.y).lineTo(this.right, this.doc.y).lineWidth(0.5).stroke('#999999');
    return this.gap(8);
  }

  finish(): Promise<Buffer> {
    this.doc.end();
    return this.done;
  }
}
