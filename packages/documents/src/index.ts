export { documentFonts } from './fonts.js';
export type { DocumentFonts } from './fonts.js';
export { documentLanguage, formatDate } from './labels.js';
export type { DocumentLanguage } from './labels.js';
export { formatMoney } from './money.js';
export { renderReceipt } from './receipt.js';
export type { CharityDetails, ReceiptData } from './receipt.js';
export { renderCertificate } from './certificate.js';
export type { CertificateData } from './certificate.js';
