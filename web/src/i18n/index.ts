// i18next set-up: Indonesian first, English second. The choice is kept in localStorage and
// mirrored on <html lang>. Both catalogues are bundled (they are small) so nothing loads later.
// The core texts live in id.json / en.json; each feature area keeps its own pair of files in
// id/ and en/ (one per file name, keys `<file>.<key>`), so work on one area never edits another's.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import idCore from './id.json';
import enCore from './en.json';
import idLearner from './id/learner.json';
import enLearner from './en/learner.json';
import idLearningAdmin from './id/learningAdmin.json';
import enLearningAdmin from './en/learningAdmin.json';
import idPlanning from './id/planning.json';
import enPlanning from './en/planning.json';
import idAllocation from './id/allocation.json';
import enAllocation from './en/allocation.json';
import idAnalytics from './id/analytics.json';
import enAnalytics from './en/analytics.json';

const id = { ...idCore, learner: idLearner, learningAdmin: idLearningAdmin, planning: idPlanning, allocation: idAllocation, analytics: idAnalytics };
const en = { ...enCore, learner: enLearner, learningAdmin: enLearningAdmin, planning: enPlanning, allocation: enAllocation, analytics: enAnalytics };

export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'kembang.lang';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof id };
  }
}

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return (LANGUAGES as readonly string[]).includes(value ?? '') ? (value as Language) : 'id';
  } catch {
    return 'id';
  }
}

export async function initI18n(): Promise<typeof i18n> {
  i18n.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
  await i18n.use(initReactI18next).init({
    resources: { id: { translation: id }, en: { translation: en } },
    lng: storedLanguage(),
    fallbackLng: 'id',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = i18n.language;
  return i18n;
}

export async function setLanguage(lng: Language): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
  await i18n.changeLanguage(lng);
}

/** Locale for Intl formatting. */
export const intlLocale = (lng: string): string => (lng === 'en' ? 'en-GB' : 'id-ID');
