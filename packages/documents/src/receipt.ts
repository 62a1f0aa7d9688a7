import { documentFonts } from './fonts.js';
import { LABELS, formatDate, type DocumentLanguage } from './labels.js';
import { formatMoney } from './money.js';
import { PdfWriter } from './pdf-writer.js';

/** The charity that issues receipts, from the operator's configuration. */
export interface CharityDetails {
  readonly name: string;
  readonly registration?: string;
  readonly address?: string;
  readonly contact?: string;
}

/** What a donation receipt states. */
export interface ReceiptData {
  readonly number: string;
  readonly paidAt: Date;
  readonly amountMinor: number;
  readonly currency: string;
  readonly refundedMinor: number;
  readonly provider: string;
  readonly reference: string;
  readonly orderId: string;
  /** The names the order's shares are offered for, in order. */
  readonly names: readonly string[];
  readonly charity: CharityDetails;
}

/** Renders one payment's donation receipt as a one-page PDF in `language`. */
export function renderReceipt(data: ReceiptData, language: DocumentLanguage): Promise<Buffer> {
  const t = LABELS[language];
  const pdf = new PdfWriter(documentFonts(), language === 'ar' ? 'rtl' : 'ltr', `${t.receiptTitle} ${data.number}`);
  pdf.line(data.charity.name, { size: 16, bold: true });
  if (data.charity.registration) pdf.line(`${t.registration} ${data.charity.registration}`, { size: 9 });
  if (data.charity.address) pdf.line(data.charity.address, { size: 9 });
  if (data.charity.contact) pdf.line(data.charity.contact, { size: 9 });
  pdf.gap(6).rule();
  pdf.line(t.receiptTitle, { size: 20, bold: true }).gap(4);
  pdf.line(`${t.receiptNumber} ${data.number}`);
  pdf.line(`${t.date} ${formatDate(data.paidAt, language)}`);
  pdf.line(`${t.amount} ${formatMoney(data.amountMinor, data.currency)}`, { size: 14, bold: true });
  if (data.refundedMinor > 0) pdf.line(`${t.refunded} ${formatMoney(data.refundedMinor, data.currency)}`);
  pdf.line(`${t.method} ${data.provider}`);
  pdf.line(`${t.reference} ${data.reference}`, { size: 9 });
  pdf.line(`${t.order} ${data.orderId}`, { size: 9 });
  pdf.gap(6).line(t.offeredFor, { bold: true });
  for (const name of data.names) pdf.line(`•  ${name}`);
  pdf.gap(12).rule().line(t.thanks, { color: '#2f6b3a' });
  return pdf.finish();
}
