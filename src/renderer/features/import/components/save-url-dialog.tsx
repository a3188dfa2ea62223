import { useId, useRef, useState } from 'react';
import { saveUrl } from '../hooks/use-import';

/** Read it later: any web page, extracted and kept whole under Saved. */
export function SaveUrlButton({ online, onSaved }: { online: boolean; onSaved: () => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [url, setUrl] = useState('');
  const [state, setState] = useState<{ working?: boolean; error?: string }>({});
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
        title={online ? undefined : 'Saving a page needs a network connection'}
        onClick={() => dialogRef.current?.showModal()}
      >
        Save URL
      </button>
      <dialog
        ref={dialogRef}
        className="dialog"
        aria-labelledby={`${id}-title`}
        onClose={() => setState({})}
      >
        <form
          method="dialog"
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <h2 id={`${id}-title`}>Save a web page</h2>
          <label htmlFor={`${id}-url`}>Page URL</label>
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
            {state.working ? 'Fetching the page…' : ''}
          </p>
          {state.error && (
            <p className="form-error" role="alert">
              {state.error}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => dialogRef.current?.close()}>
              Cancel
            </button>
            <button type="submit" className="button button-primary" disabled={state.working}>
              Save
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
