import QRCode from 'qrcode';

/**
 * Draws `text` as a QR code with pdfkit rectangles (vector, sharp at any zoom), `size` points
 * square with its top-left corner at (x, y), plus the four-module quiet zone scanners need.
 */
export function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const count = modules.size + 8;
  const cell = size / count;
  doc.save().rect(x, y, size, size).fill('#ffffff');
  for (let row = 0; row < modules.size; row++)
    for (let col = 0; col < modules.size; col++)
      if (modules.get(row, col)) doc.rect(x + (col + 4) * cell, y + (row + 4) * cell, cell, cell);
  doc.fill('#000000').restore();
}
