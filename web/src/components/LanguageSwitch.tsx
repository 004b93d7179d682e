import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage } from '../i18n/index.ts';

/** Two toggle buttons, ID and EN; each names its language in that language. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="lang-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          className="lang-option"
          aria-pressed={i18n.language === lng}
          // The name keeps the visible code ("EN") and says the language in full.
          aria-label={`${t(`language.${lng}Short`)} — ${t(`language.${lng}`)}`}
          title={t(`language.${lng}`)}
          onClick={() => void setLanguage(lng)}
        >
          {t(`language.${lng}Short`)}
        </button>
      ))}
    </div>
  );
}
