import { documentFonts } from './fonts.js';
import { LABELS, type DocumentLanguage } from './labels.js';
import { PdfWriter } from './pdf-writer.js';

interface StatusCount {
  readonly status: string;
  readonly count: number;
}

/** What a site's daily report states: one local day's figures, as `siteDayReport` returns them. */
export interface SiteReportData {
  readonly charityName: string;
  readonly siteName: string;
  readonly siteRegion: string;
  readonly timeZone: string;
  /** The local date, YYYY-MM-DD. */
  readonly date: string;
  /** 24 counts, local hours 0 to 23. */
  readonly performedByHour: readonly number[];
  readonly performedByStatus: readonly StatusCount[];
  readonly sacrificesByStatus: readonly StatusCount[];
  readonly deliveriesByStatus: readonly StatusCount[];
  readonly hidesByStatus: readonly StatusCount[];
  readonly generatedAt: Date;
}

/** A bar chart of the day's sacrifices per local hour, drawn with pdfkit's vector primitives. */
function hourChart(pdf: PdfWriter, counts: readonly number[], rtl: boolean): void {
  const { doc } = pdf;
  const top = doc.y;
  const height = 140;
  const width = pdf.right - pdf.left;
  const slot = width / 24;
  const max = Math.max(1, ...counts);
  doc.save().lineWidth(0.5).strokeColor('#999999');
  doc
    .moveTo(pdf.left, top + height)
    .lineTo(pdf.right, top + height)
    .stroke();
  doc.font('regular').fontSize(7).fillColor('#444444');
  doc.text(String(max), rtl ? pdf.right + 4 : pdf.left - 20, top - 3, { lineBreak: false });
  counts.forEach((count, hour) => {
    // Arabic readers read time from the right: hour 0 is the rightmost bar.
    const x = rtl ? pdf.right - (hour + 1) * slot : pdf.left + hour * slot;
    const bar = (count / max) * (height - 12);
    if (count > 0) {
      doc.rect(x + slot * 0.15, top + height - bar, slot * 0.7, bar).fill('#2f6b3a');
      doc
        .fillColor('#111111')
        .text(String(count), x, top + height - bar - 9, { width: slot, align: 'center', lineBreak: false });
    }
    doc.fillColor('#444444').text(String(hour).padStart(2, '0'), x, top + height + 3, {
      width: slot,
      align: 'center',
      lineBreak: false,
    });
  });
  doc.restore();
  doc.x = pdf.left;
  doc.y = top + height + 16;
}

/** Renders one site's daily report as a PDF in `language`. */
export function renderSiteReport(data: SiteReportData, language: DocumentLanguage): Promise<Buffer> {
  const t = LABELS[language];
  const words = t.statuses as Record<string, string>;
  const pdf = new PdfWriter(
    documentFonts(),
    language === 'ar' ? 'rtl' : 'ltr',
    `${t.siteReportTitle} ${data.siteName} ${data.date}`,
  );
  const counts = (title: string, rows: readonly StatusCount[]) => {
    pdf.gap(4).line(title, { bold: true });
    for (const row of rows) pdf.line(`${words[row.status] ?? row.status}: ${row.count}`);
  };
  pdf.line(data.charityName, { size: 16, bold: true }).gap(6).rule();
  pdf.line(t.siteReportTitle, { size: 20, bold: true });
  pdf.line(`${t.site} ${data.siteName}, ${data.siteRegion}`);
  pdf.line(`${t.day} ${data.date} (${data.timeZone})`);
  const performed = data.performedByHour.reduce((a, b) => a + b, 0);
  pdf.line(`${t.performedThatDay} ${performed}`, { bold: true, size: 13 });
  pdf.gap(6).line(t.perHour, { bold: true }).gap(10);
  hourChart(pdf, data.performedByHour, language === 'ar');
  counts(t.verdicts, data.performedByStatus);
  counts(t.sacrificesNow, data.sacrificesByStatus);
  counts(t.deliveriesThatDay, data.deliveriesByStatus);
  counts(t.hidesThatDay, data.hidesByStatus);
  pdf
    .gap(8)
    .rule()
    .line(`${t.generated} ${data.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`, {
      size: 8,
    });
  return pdf.finish();
}
