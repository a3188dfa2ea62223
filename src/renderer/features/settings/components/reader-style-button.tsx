import { useId, useRef } from 'react';
import { useT } from '../../../i18n/use-t';
import { ReaderStyleFields } from './reader-style-fields';

/** The reader's "Aa" button: the look of the text, changed without leaving the article. */
export function ReaderStyleButton() {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const t = useT();
  const id = useId();
  return (
    <>
      <button
        type="button"
        className="button"
        aria-haspopup="dialog"
        title={t('settings.appearance.button')}
        onClick={() => dialogRef.current?.showModal()}
      >
        <span aria-hidden="true">{t('settings.appearance.icon')}</span>
        <span className="visually-hidden">{t('settings.appearance.button')}</span>
      </button>
      <dialog ref={dialogRef} className="dialog" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>{t('settings.appearance.title')}</h2>
        <ReaderStyleFields />
        {/* No <form> here: this dialog sits inside the reader's <article>, which must hold none. */}
        <div className="dialog-actions">
          <button
            type="button"
            className="button button-primary"
            onClick={() => dialogRef.current?.close()}
          >
            {t('settings.appearance.done')}
          </button>
        </div>
      </dialog>
    </>
  );
}
