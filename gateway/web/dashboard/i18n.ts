/** The page's words in each language it speaks; Arabic is laid out right to left. */
export type Lang = 'en' | 'ar';

const en = {
  title: 'Season dashboard',
  signIn: 'Sign in',
  login: 'Login',
  password: 'Password',
  season: 'Season',
  live: 'Live',
  offline: 'Reconnecting…',
  sacrifices: 'Sacrifices',
  sharesPending: 'Shares waiting for an animal',
  hidesAtRisk: 'Hides at risk',
  proceeds: 'Hide proceeds',
  progressPerSite: 'Progress per site',
  backlog: 'Review backlog over time (flagged)',
  hides: 'Hides',
  site: 'Site',
  performed: 'Performed',
  remaining: 'Remaining',
  lastHour: 'Last hour',
  needed: 'Needed / hour',
  hoursLeft: 'Hours left',
  onTrack: 'On track',
  late: 'Behind',
  notOrganizer: 'Only organizers see the dashboard.',
  noSeason: 'No season yet.',
  status: {
    ALLOCATED: 'Allocated',
    ASSIGNED: 'Assigned',
    PERFORMED: 'Performed',
    VERIFIED: 'Verified',
    FLAGGED: 'Flagged',
    COLLECTED: 'Collected',
    PRESERVED: 'Preserved',
    GRADED: 'Graded',
    IN_LOT: 'In a lot',
    SOLD: 'Sold',
    SPOILED: 'Spoiled',
  } as Record<string, string>,
};

const ar: typeof en = {
  title: 'لوحة الموسم',
  signIn: 'تسجيل الدخول',
  login: 'اسم المستخدم',
  password: 'كلمة المرور',
  season: 'الموسم',
  live: 'مباشر',
  offline: 'جارٍ إعادة الاتصال…',
  sacrifices: 'الأضاحي',
  sharesPending: 'حصص تنتظر حيوانًا',
  hidesAtRisk: 'جلود معرّضة للتلف',
  proceeds: 'عائدات الجلود',
  progressPerSite: 'التقدم في كل موقع',
  backlog: 'قائمة المراجعة عبر الزمن (المُعلَّمة)',
  hides: 'الجلود',
  site: 'الموقع',
  performed: 'منفَّذة',
  remaining: 'متبقية',
  lastHour: 'آخر ساعة',
  needed: 'المطلوب في الساعة',
  hoursLeft: 'الساعات المتبقية',
  onTrack: 'في الموعد',
  late: 'متأخر',
  notOrganizer: 'اللوحة للمنظمين فقط.',
  noSeason: 'لا يوجد موسم بعد.',
  status: {
    ALLOCATED: 'مخصصة',
    ASSIGNED: 'مسندة',
    PERFORMED: 'منفَّذة',
    VERIFIED: 'موثَّقة',
    FLAGGED: 'بانتظار المراجعة',
    COLLECTED: 'مجموعة',
    PRESERVED: 'مملّحة',
    GRADED: 'مصنّفة',
    IN_LOT: 'في دفعة',
    SOLD: 'مباعة',
    SPOILED: 'تالفة',
  },
};

export type Words = typeof en;
export const WORDS: Record<Lang, Words> = { en, ar };

/** `?lang=ar` or the browser's language; English otherwise. */
export function pickLang(search: string, navigatorLang: string): Lang {
  const asked = new URLSearchParams(search).get('lang') ?? navigatorLang;
  return asked.toLowerCase().startsWith('ar') ? 'ar' : 'en';
}

export const numberFormat = (lang: Lang) => new Intl.NumberFormat(lang === 'ar' ? 'ar-EG' : 'en-GB');
