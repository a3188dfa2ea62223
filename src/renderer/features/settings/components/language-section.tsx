import { useId, useState } from 'react';
import { chooseLanguage, getLanguageChoice, systemLocale } from '../../../i18n/language-choice';
import { directionOf, nativeName, type LanguageChoice } from '../../../i18n/locales';
import { INTERFACE_LOCALES, PSEUDO_LOCALE } from '@shared/interface-locales';
import { useT } from '../../../i18n/use-t';

/** Settings › Language: the system's, or one the reader picks; applies at once. */
export function LanguageSection() {
  const t = useT();
  const id = useId();
  const [choice, setChoice] = useState<LanguageChoice>(getLanguageChoice);
  const system = systemLocale();
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('settings.language.heading')}</h3>
      <div className="settings-field">
        <label htmlFor={`${id}-select`}>{t('settings.language.label')}</label>
        <select
          id={`${id}-select`}
          value={choice}
          aria-describedby={`${id}-hint`}
          onChange={(event) => {
            const next = event.target.value as LanguageChoice;
            setChoice(next);
            void chooseLanguage(next);
          }}
        >
          <option value="system">
            {t('settings.language.system', {
              language: system === PSEUDO_LOCALE ? system : nativeName(system),
            })}
          </option>
          {INTERFACE_LOCALES.map((locale) => (
            // Each language named in itself, in its own direction.
            <option key={locale} value={locale} lang={locale} dir={directionOf(locale)}>
              {nativeName(locale)}
            </option>
          ))}
          {choice === PSEUDO_LOCALE && (
            <option value={PSEUDO_LOCALE}>{t('settings.language.pseudo')}</option>
          )}
        </select>
      </div>
      <p id={`${id}-hint`} className="settings-hint">
        {t('settings.language.hint')}
      </p>
    </section>
  );
}
