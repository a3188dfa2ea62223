import { useEffect, useId, useRef, useState } from 'react';
import type { Feed } from '../../../db/entities';
import { useSubscribe } from '../hooks/use-subscribe';
import './subscriptions.css';

export function AddFeedButton({
  onSubscribed,
  online,
}: {
  onSubscribed: (feed: Feed) => void;
  online: boolean;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [url, setUrl] = useState('');
  const [choice, setChoice] = useState<string>();
  const id = useId();
  const { state, subscribe, choose, reset } = useSubscribe((feed) => {
    dialogRef.current?.close();
    setUrl('');
    onSubscribed(feed);
  });

  useEffect(() => {
    const dialog = dialogRef.current;
    const onClose = (): void => {
      reset();
      setChoice(undefined);
    };
    dialog?.addEventListener('close', onClose);
    return () => dialog?.removeEventListener('close', onClose);
  }, [reset]);

  const working = state.status === 'working';

  return (
    <>
      <button type="button" className="button" onClick={() => dialogRef.current?.showModal()}>
        Add feed
      </button>
      <dialog ref={dialogRef} className="dialog" aria-labelledby={`${id}-title`}>
        <form
          method="dialog"
          onSubmit={(event) => {
            event.preventDefault();
            if (state.status === 'choose' && choice) void choose(choice);
            else void subscribe(url);
          }}
        >
          <h2 id={`${id}-title`}>Add a feed</h2>
          <label htmlFor={`${id}-url`}>Feed or site URL</label>
          <input
            id={`${id}-url`}
            type="text"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            placeholder="https://example.com or https://example.com/feed.xml"
            value={url}
            onChange={(event) => {
              setUrl(event.target.value);
              if (state.status === 'choose') reset();
            }}
            aria-describedby={state.status === 'error' ? `${id}-error` : undefined}
            required
          />
          {state.status === 'choose' && (
            <fieldset className="feed-choice">
              <legend>This site offers several feeds. Choose one:</legend>
              {state.feeds.map((feed) => (
                <label key={feed.url} className="feed-choice-option">
                  <input
                    type="radio"
                    name={`${id}-choice`}
                    value={feed.url}
                    checked={choice === feed.url}
                    onChange={() => setChoice(feed.url)}
                  />
                  <span>
                    {feed.title ?? feed.url}
                    <span className="feed-choice-url">{feed.url}</span>
                  </span>
                </label>
              ))}
            </fieldset>
          )}
          <p className="form-status" role="status">
            {!online
              ? 'You’re offline: subscribing needs a network connection to fetch the feed.'
              : state.status === 'working'
                ? state.message
                : ''}
          </p>
          {state.status === 'error' && (
            <p id={`${id}-error`} className="form-error" role="alert">
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
              disabled={!online || working || (state.status === 'choose' && !choice)}
              aria-busy={working}
            >
              Subscribe
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
