import type { RefObject } from 'react';
import { LISTEN_RATES } from '../../../lib/listen/choose-voice';
import { useT } from '../../../i18n/use-t';
import { useListen } from '../hooks/use-listen';
import './listen-controls.css';

interface Props {
  contentRef: RefObject<HTMLElement | null>;
  html: string;
  /** The article's language, else its feed's. */
  lang: string | undefined;
}

/** "Listen" in the reader's toolbar; not shown where the system has no voice. */
export function ListenControls({ contentRef, html, lang }: Props) {
  const t = useT();
  const listen = useListen(contentRef, html, lang);
  if (!listen.available) return null;
  const label = t(
    listen.state === 'playing'
      ? 'listen.pause'
      : listen.state === 'paused'
        ? 'listen.resume'
        : 'listen.listen',
  );
  return (
    <span className="listen-controls" role="group" aria-label={t('listen.group')}>
      <button
        type="button"
        className="button"
        data-shortcut="listen"
        aria-keyshortcuts="L"
        onClick={listen.toggle}
      >
        {label}
      </button>
      {listen.state !== 'idle' && (
        <>
          <button type="button" className="button" onClick={listen.stop}>
            {t('listen.stop')}
          </button>
          <label className="listen-speed">
            <span>{t('listen.speed')} </span>
            <select
              value={listen.rate}
              onChange={(event) => listen.setRate(Number(event.target.value))}
            >
              {LISTEN_RATES.map((rate) => (
                <option key={rate} value={rate}>
                  {t('listen.rate', { rate })}
                </option>
              ))}
            </select>
          </label>
        </>
      )}
    </span>
  );
}
