import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { Feed } from '../../../db/entities';
import { useT } from '../../../i18n/use-t';
import { useSubscriptionAccounts } from '../hooks/use-account-targets';
import type { SubscribeRequest } from '../hooks/use-deep-links';
import { useSubscribe, type QueuedInAccount } from '../hooks/use-subscribe';
import './subscriptions.css';

/** How long the sidebar says where a feed added to an account went. */
const NOTE_MS = 30_000;

export function AddFeedButton({
  onSubscribed,
  online,
  request,
}: {
  onSubscribed: (feed: Feed) => void;
  online: boolean;
  /** An address a link asked to subscribe to: the dialog opens with it, the reader decides. */
  request?: SubscribeRequest;
}) {
  const t = useT();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [url, setUrl] = useState('');
  const [choice, setChoice] = useState<string>();
  // Where the feed goes: '' is this computer, else an account's id.
  const [destination, setDestination] = useState('');
  // After the dialog closed: where a feed queued for an account went, until the next add.
  const [note, setNote] = useState<{ title: string; account: string }>();
  // The address came from a link (a web page, another app), not from the reader's typing.
  const [fromLink, setFromLink] = useState(false);
  const id = useId();
  const accounts = useSubscriptionAccounts();
  const account = accounts.find((candidate) => candidate.id === destination);
  const onQueued = useCallback(({ account: into, title }: QueuedInAccount) => {
    dialogRef.current?.close();
    setUrl('');
    setNote({ title, account: into.name });
  }, []);
  // Said, and read by then: it does not stay in the sidebar for good.
  useEffect(() => {
    if (!note) return;
    const timer = setTimeout(() => setNote(undefined), NOTE_MS);
    return () => clearTimeout(timer);
  }, [note]);
  const { state, subscribe, choose, reset } = useSubscribe((feed) => {
    dialogRef.current?.close();
    setUrl('');
    onSubscribed(feed);
  }, onQueued);

  useEffect(() => {
    const dialog = dialogRef.current;
    const onClose = (): void => {
      reset();
      setChoice(undefined);
      setDestination('');
      setFromLink(false);
    };
    dialog?.addEventListener('close', onClose);
    return () => dialog?.removeEventListener('close', onClose);
  }, [reset]);

  // A new request fills the form as it renders (no render with the old address in between)…
  const [filledFrom, setFilledFrom] = useState<SubscribeRequest>();
  if (request !== filledFrom) {
    setFilledFrom(request);
    if (request) {
      setUrl(request.url);
      setFromLink(true);
      setChoice(undefined);
      setNote(undefined);
      reset();
    }
  }
  // …and opens the dialog, if it is not open already.
  useEffect(() => {
    const dialog = dialogRef.current;
    if (request && dialog && !dialog.open) dialog.showModal();
  }, [request]);

  const working = state.status === 'working';

  return (
    <>
      <button
        type="button"
        className="button"
        onClick={() => {
          setNote(undefined);
          dialogRef.current?.showModal();
        }}
      >
        {t('subscriptions.add.button')}
      </button>
      {/* A live region, not a second role="status" beside the sync status in the sidebar. */}
      <p className="add-feed-note" aria-live="polite" aria-atomic="true">
        {note && t('subscriptions.add.queued', note)}
      </p>
      <dialog ref={dialogRef} className="dialog" aria-labelledby={`${id}-title`}>
        <form
          method="dialog"
          onSubmit={(event) => {
            event.preventDefault();
            if (state.status === 'choose' && choice) void choose(choice, account);
            else void subscribe(url, account, !fromLink);
          }}
        >
          <h2 id={`${id}-title`}>{t('subscriptions.add.title')}</h2>
          <label htmlFor={`${id}-url`}>{t('subscriptions.add.urlLabel')}</label>
          <input
            id={`${id}-url`}
            type="text"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            placeholder={t('subscriptions.add.urlPlaceholder')}
            value={url}
            onChange={(event) => {
              setUrl(event.target.value);
              setFromLink(false);
              if (state.status === 'choose') reset();
            }}
            aria-describedby={
              [fromLink && `${id}-from-link`, state.status === 'error' && `${id}-error`]
                .filter(Boolean)
                .join(' ') || undefined
            }
            required
          />
          {fromLink && (
            <p id={`${id}-from-link`} className="add-feed-from-link">
              {t('subscriptions.add.fromLink')}
            </p>
          )}
          {accounts.length > 0 && (
            <>
              <label htmlFor={`${id}-destination`}>{t('subscriptions.add.destination')}</label>
              <select
                id={`${id}-destination`}
                value={account ? account.id : ''}
                onChange={(event) => setDestination(event.target.value)}
              >
                <option value="">{t('subscriptions.add.onThisComputer')}</option>
                {accounts.map((candidate) => (
                  <option key={candidate.id} value={candidate.id}>
                    {candidate.name}
                  </option>
                ))}
              </select>
            </>
          )}
          {state.status === 'choose' && (
            <fieldset className="feed-choice">
              <legend>{t('subscriptions.add.chooseFeed')}</legend>
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
              ? t('subscriptions.add.offline')
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
              {t('subscriptions.add.cancel')}
            </button>
            <button
              type="submit"
              className="button button-primary"
              disabled={!online || working || (state.status === 'choose' && !choice)}
              aria-busy={working}
            >
              {t('subscriptions.add.subscribe')}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
