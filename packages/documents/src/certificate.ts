import { documentFonts } from './fonts.js';
import { LABELS, formatDate, type DocumentLanguage } from './labels.js';
import { PdfWriter } from './pdf-writer.js';
import { drawQr } from './qr.js';

/** What a sacrifice certificate states. */
export interface CertificateData {
  readonly number: string;
  readonly charityName: string;
  /** The names the reader's shares on the animal are offered for. */
  readonly names: readonly string[];
  /** SHEEP, GOAT, COW, CAMEL... (translated here). */
  readonly species: string;
  readonly animalTag: string;
  readonly siteName: string;
  readonly siteRegion: string;
  /** IANA zone of the site: the time is written as it was there. */
  readonly timeZone: string;
  readonly performedAt: Date;
  /** Where the blurred proof video is watched; drawn as a QR code and written under it. */
  readonly proofUrl: string;
}

/** Renders a performed sacrifice's certificate as a one-page PDF in `language`. */
export function renderCertificate(data: CertificateData, language: DocumentLanguage): Promise<Buffer> {
  const t = LABELS[language];
  const pdf = new PdfWriter(documentFonts(), language === 'ar' ? 'rtl' : 'ltr', `${t.certificateTitle} ${data.number}`);
  pdf.line(data.charityName, { size: 16, bold: true }).gap(6).rule();
  pdf.line(t.certificateTitle, { size: 22, bold: true }).gap(4);
  pdf.line(`${t.certificateNumber} ${data.number}`, { size: 9 });
  pdf.gap(6).line(t.certifies);
  pdf.gap(4).line(t.offeredFor, { bold: true });
  for (const name of data.names) pdf.line(`•  ${name}`, { size: 13 });
  pdf.gap(8);
  const species = (t.species as Record<string, string>)[data.species] ?? data.species;
  pdf.line(`${t.animal} ${species} (${t.tag} ${data.animalTag})`);
  pdf.line(`${t.site} ${data.siteName}, ${data.siteRegion}`);
  pdf.line(`${t.performedAt} ${formatDate(data.performedAt, language, data.timeZone)} (${data.timeZone})`);
  pdf.gap(10).rule().line(t.proof, { bold: true }).gap(4);
  const size = 150;
  const x = language === 'ar' ? pdf.right - size : pdf.left;
  drawQr(pdf.doc, data.proofUrl, x, pdf.doc.y, size);
  pdf.gap(size + 6).line(data.proofUrl, { size: 8, color: '#444444' });
  pdf.gap(12).line(t.accepted, { color: '#2f6b3a' });
  return pdf.finish();
}
