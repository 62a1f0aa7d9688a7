/** Languages documents are written in; any other reader gets English. */
export type DocumentLanguage = 'en' | 'ar';

/**
 * Document wording per language. Kept here rather than in `@qurbani/messages`, whose catalogues
 * are one ICU message per notification kind; a document needs a set of short field labels.
 */
export const LABELS = {
  en: {
    receiptTitle: 'Donation receipt',
    receiptNumber: 'Receipt number:',
    date: 'Date:',
    amount: 'Amount received:',
    method: 'Paid by:',
    reference: 'Payment reference:',
    order: 'Order:',
    offeredFor: 'Offered for:',
    registration: 'Registration:',
    thanks: 'Thank you for your donation. May it be accepted.',
    refunded: 'Refunded so far:',
    certificateTitle: 'Sacrifice certificate',
    certificateNumber: 'Certificate number:',
    certifies: 'This certifies that the sacrifice below was performed on your behalf.',
    animal: 'Animal:',
    tag: 'tag',
    site: 'Site:',
    performedAt: 'Performed at (local time):',
    proof: 'Watch the proof video (faces blurred):',
    accepted: 'May Allah accept it from you.',
    species: { SHEEP: 'Sheep', GOAT: 'Goat', COW: 'Cow', CAMEL: 'Camel' },
  },
  ar: {
    receiptTitle: 'إيصال تبرع',
    receiptNumber: 'رقم الإيصال:',
    date: 'التاريخ:',
    amount: 'المبلغ المستلم:',
    method: 'طريقة الدفع:',
    reference: 'مرجع الدفع:',
    order: 'الطلب:',
    offeredFor: 'عن:',
    registration: 'رقم التسجيل:',
    thanks: 'شكرا لتبرعكم، تقبل الله منكم.',
    refunded: 'المبلغ المسترد:',
    certificateTitle: 'شهادة أضحية',
    certificateNumber: 'رقم الشهادة:',
    certifies: 'نشهد بأن الأضحية التالية قد ذُبحت نيابة عنكم.',
    animal: 'الحيوان:',
    tag: 'رقم',
    site: 'الموقع:',
    performedAt: 'وقت الذبح (بالتوقيت المحلي):',
    proof: 'شاهد مقطع الإثبات (الوجوه مموهة):',
    accepted: 'تقبل الله منكم.',
    species: { SHEEP: 'خروف', GOAT: 'ماعز', COW: 'بقرة', CAMEL: 'جمل' },
  },
} as const satisfies Record<DocumentLanguage, Record<string, string | Record<string, string>>>;

/** The document language for a reader's language code (`AR`, `en`, ...). */
export const documentLanguage = (code: string | null | undefined): DocumentLanguage =>
  code?.toLowerCase() === 'ar' ? 'ar' : 'en';

/** A date as the reader writes it, with Western digits, in `timeZone`. */
export const formatDate = (at: Date, language: DocumentLanguage, timeZone = 'UTC'): string =>
  new Intl.DateTimeFormat(language === 'ar' ? 'ar-u-nu-latn' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone,
  }).format(at);
