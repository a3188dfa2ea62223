import { useId, type ReactNode } from 'react';
import { useT } from '../../../i18n/use-t';
import './welcome.css';

const strong = (chunks: ReactNode[]) => <strong>{chunks}</strong>;
const kbd = (chunks: ReactNode[]) => <kbd>{chunks}</kbd>;

/** What a new reader sees in the reader pane until the first subscription. */
export function WelcomePanel() {
  const t = useT();
  const id = useId();
  return (
    <div className="welcome" role="region" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('onboarding.welcome.title')}</h1>
      <p>{t.rich('onboarding.welcome.intro', { strong })}</p>
      <ul className="welcome-steps">
        <li>{t.rich('onboarding.welcome.addFeed', { strong })}</li>
        <li>{t.rich('onboarding.welcome.import', { strong })}</li>
        <li>{t.rich('onboarding.welcome.saveUrl', { strong })}</li>
      </ul>
      <p className="welcome-note">{t.rich('onboarding.welcome.note', { kbd })}</p>
    </div>
  );
}
