export type Lang = 'en' | 'ar';

/** `?lang=` when given, else the browser's language: Arabic or English. */
function pickLang(search: string, navigatorLang: string): Lang {
  const asked = new URLSearchParams(search).get('lang') ?? navigatorLang;
  return asked.toLowerCase().startsWith('ar') ? 'ar' : 'en';
}

/** Picks the page's language, sets the document's `lang`, direction and title, and gives its words. */
export function pageLanguage<W extends { title: string }>(all: Record<Lang, W>): { lang: Lang; words: W } {
  const lang = pickLang(location.search, navigator.language);
  const words = all[lang];
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
  document.title = words.title;
  return { lang, words };
}
