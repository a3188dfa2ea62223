import { useEffect, useId, useRef, useState } from 'react';
import type { Feed } from '../../../db/entities';
import { useSubscribe } from '../hooks/use-subscribe';

export function AddFeedButton({ onSubscribed }: { onSubscribed: (feed: Feed) => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [url, setUrl] = useState('');
  const inputId = useId();
  const { state, subscribe, reset } = useSubscribe((feed) => {
    dialogRef.current?.close();
    setUrl('');
    onSubscribed(feed);
  });

  useEffect(() => {
    const dialog = dialogRef.current;
    const onClose = (): void => reset();
    dialog?.addEventListener('close', onClose);
    return () => dialog?.removeEventListener('close', onClose);
  }, [reset]);

  return (
    <>
      <button type="button" className="button" onClick={() => dialogRef.current?.showModal()}>
        Add feed
      </button>
      <dialog ref={dialogRef} className="dialog" aria-labelledby={`${inputId}-title`}>
        <form
          method="dialog"
          onSubmit={(event) => {
            event.preventDefault();
            void subscribe(url);
          }}
        >
          <h2 id={`${inputId}-title`}>Add a feed</h2>
          <label htmlFor={inputId}>Feed or site URL</label>
          <input
            id={inputId}
            type="text"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            placeholder="https://example.com/feed.xml"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            aria-describedby={state.status === 'error' ? `${inputId}-error` : undefined}
            required
          />
          <p className="form-status" role="status">
            {state.status === 'working' ? 'Fetching the feed…' : ''}
          </p>
          {state.status === 'error' && (
            <p id={`${inputId}-error`} className="form-error" role="alert">
              {state.message}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => dialogRef.current?.close()}>
              Cancel
            </button>
            <button
              type="submit"
              className="button button-primary"
              disabled={state.status === 'working'}
              aria-busy={state.status === 'working'}
            >
              Subscribe
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
