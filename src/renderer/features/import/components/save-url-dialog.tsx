import { useId, useRef, useState } from 'react';
import { errorText } from '../../../i18n/localized-error';
import { useT } from '../../../i18n/use-t';
import { whenClosed } from '../../../lib/dialog-closed';
import { saveUrl } from '../hooks/use-import';

/** Read it later: any web page, extracted and kept whole under Saved. */
export function SaveUrlButton({ online, onSaved }: { online: boolean; onSaved: () => void }) {
  const t = useT();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [url, setUrl] = useState('');
  // The error as main gave it, said in the language in use when it shows.
  const [state, setState] = useState<{ working?: boolean; error?: unknown }>({});
  const id = useId();

  const submit = async (): Promise<void> => {
    const trimmed = url.trim();
    const address = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
    setState({ working: true });
    const result = await saveUrl(address);
    if ('error' in result) return setState({ error: result.error });
    setState({});
    setUrl('');
    dialogRef.current?.close();
    onSaved();
  };

  return (
    <>
      <button
        type="button"
        className="button button-small"
        disabled={!online}
        title={online ? undefined : t('import.saveUrl.offline')}
        onClick={() => dialogRef.current?.showModal()}
      >
        {t('import.saveUrl.button')}
      </button>
      <dialog
        ref={dialogRef}
        className="dialog"
        aria-labelledby={`${id}-title`}
        onClose={whenClosed(() => setState({}))}
      >
        <form
          method="dialog"
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <h2 id={`${id}-title`}>{t('import.saveUrl.title')}</h2>
          <label htmlFor={`${id}-url`}>{t('import.saveUrl.urlLabel')}</label>
          <input
            id={`${id}-url`}
            type="text"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            required
          />
          <p className="form-status" role="status">
            {state.working ? t('import.saveUrl.working') : ''}
          </p>
          {state.error !== undefined && (
            <p className="form-error" role="alert">
              {errorText(state.error, t)}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => dialogRef.current?.close()}>
              {t('import.saveUrl.cancel')}
            </button>
            <button type="submit" className="button button-primary" disabled={state.working}>
              {t('import.saveUrl.save')}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
