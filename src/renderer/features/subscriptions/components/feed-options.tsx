import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { Feed } from '../../../db/entities';
import type { MessageId } from '../../../i18n/catalogue';
import { errorText } from '../../../i18n/localized-error';
import { useT } from '../../../i18n/use-t';
import {
  EPISODES_QUEUED_ON_TURN_ON,
  mergeFeeds,
  notificationProblem,
  refreshFeed,
  saveFeedSettings,
  syncFeedAccount,
  unsubscribeFeed,
  useDuplicateTarget,
  useFolders,
} from '../hooks/use-feed-actions';

const NEW_FOLDER = '__new__';
/** The options button's face: a drawn ellipsis (its accessible name says what it is). */
const MORE = '⋯';
const INTERVALS: [string, MessageId][] = [
  ['', 'subscriptions.options.intervalDefault'],
  ['15', 'subscriptions.options.interval15'],
  ['60', 'subscriptions.options.interval60'],
  ['240', 'subscriptions.options.interval240'],
  ['1440', 'subscriptions.options.interval1440'],
];

/**
 * Per-feed actions: rename, move to a folder, refresh now, unsubscribe (after asking). The
 * sidebar shows one of these per feed, so the dialogs and their folder query exist only while
 * open: 200 feeds' worth of forms mounted up front cost most of a second on a cold start.
 */
export function FeedOptions({
  feed,
  onUnsubscribed,
  more,
}: {
  feed: Feed;
  onUnsubscribed: () => void;
  /** Options other features add (moving the feed into a sync account), composed by the app. */
  more?: ReactNode;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const closed = useCallback(() => setOpen(false), []);
  const name = feed.customTitle ?? feed.title;
  return (
    <>
      <button
        type="button"
        className="icon-button"
        aria-label={t('subscriptions.options.button', { feed: name })}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        {MORE}
      </button>
      {open && (
        <FeedOptionsDialog
          feed={feed}
          onClosed={closed}
          onUnsubscribed={onUnsubscribed}
          more={more}
        />
      )}
    </>
  );
}

function FeedOptionsDialog({
  feed,
  onClosed,
  onUnsubscribed,
  more,
}: {
  feed: Feed;
  onClosed: () => void;
  onUnsubscribed: () => void;
  more?: ReactNode;
}) {
  const t = useT();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const confirmRef = useRef<HTMLDialogElement>(null);
  const folders = useFolders();
  const id = useId();
  const name = feed.customTitle ?? feed.title;
  const [title, setTitle] = useState(name);
  const [folderId, setFolderId] = useState(feed.folderId ?? '');
  const [newFolder, setNewFolder] = useState('');
  const [interval, setIntervalChoice] = useState(String(feed.intervalMinutes ?? ''));
  const [fullText, setFullText] = useState<'' | 'auto' | 'always' | 'never'>(feed.fullText ?? '');
  const [inCrowd, setInCrowd] = useState(!feed.quiet);
  const [notify, setNotify] = useState(feed.notify === true);
  const [keepEpisodes, setKeepEpisodes] = useState(feed.keepEpisodes === true);
  const [notifyProblem, setNotifyProblem] = useState<string>();
  const duplicate = useDuplicateTarget(feed);
  // An account's feed is fetched by its server and arrives with the account's sync: no
  // interval of ours applies, and refreshing it means syncing the account.
  const { accountId } = feed;
  const [mergeError, setMergeError] = useState<string>();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    dialog.showModal();
    // However it closes (Escape, Cancel, Save), the dialog then leaves the page.
    dialog.addEventListener('close', onClosed);
    return () => dialog.removeEventListener('close', onClosed);
  }, [onClosed]);

  return (
    <>
      <dialog ref={dialogRef} className="dialog" aria-labelledby={`${id}-title`}>
        <form
          method="dialog"
          onSubmit={(event) => {
            event.preventDefault();
            void saveFeedSettings(feed.id, {
              title,
              folderId: folderId && folderId !== NEW_FOLDER ? folderId : undefined,
              newFolderName: folderId === NEW_FOLDER ? newFolder : undefined,
              intervalMinutes: interval && !accountId ? Number(interval) : undefined,
              fullText: fullText || undefined,
              quiet: !inCrowd,
              notify,
              keepEpisodes,
            }).then(() => dialogRef.current?.close());
          }}
        >
          <h2 id={`${id}-title`}>{t('subscriptions.options.title')}</h2>
          <p className="dialog-subtitle">{feed.url}</p>
          {feed.lastError && (
            <p className="form-error" role="alert">
              {/* A redirect onto another feed, or a refusal by the scheduler, is no failed refresh. */}
              {duplicate || feed.lastError.code === 'sync-refused'
                ? errorText(feed.lastError, t)
                : t('subscriptions.options.lastRefreshFailed', {
                    error: errorText(feed.lastError, t),
                  })}
            </p>
          )}
          {duplicate && (
            <p>
              <button
                type="button"
                className="button"
                onClick={() => {
                  void mergeFeeds(feed.id, duplicate.id).then(
                    () => {
                      dialogRef.current?.close();
                      onUnsubscribed();
                    },
                    (error: unknown) => setMergeError(errorText(error, t)),
                  );
                }}
              >
                {t('subscriptions.options.mergeInto', {
                  feed: duplicate.customTitle ?? duplicate.title,
                })}
              </button>
            </p>
          )}
          {mergeError && (
            <p className="form-error" role="alert">
              {t('subscriptions.options.mergeFailed', { error: mergeError })}
            </p>
          )}
          <label htmlFor={`${id}-name`}>{t('subscriptions.options.name')}</label>
          <input id={`${id}-name`} value={title} onChange={(e) => setTitle(e.target.value)} />
          <label htmlFor={`${id}-folder`}>{t('subscriptions.options.folder')}</label>
          <select
            id={`${id}-folder`}
            value={folderId}
            onChange={(e) => setFolderId(e.target.value)}
          >
            <option value="">{t('subscriptions.options.noFolder')}</option>
            {/* Folders of the feed's own source: this computer's, or its account's. */}
            {folders
              ?.filter((folder) => folder.accountId === feed.accountId)
              .map((folder) => (
                <option key={folder.id} value={folder.id}>
                  {folder.name}
                </option>
              ))}
            <option value={NEW_FOLDER}>{t('subscriptions.options.newFolder')}</option>
          </select>
          {folderId === NEW_FOLDER && (
            <>
              <label htmlFor={`${id}-new-folder`}>{t('subscriptions.options.newFolderName')}</label>
              <input
                id={`${id}-new-folder`}
                value={newFolder}
                onChange={(e) => setNewFolder(e.target.value)}
                required
              />
            </>
          )}
          {!accountId && (
            <>
              <label htmlFor={`${id}-interval`}>{t('subscriptions.options.interval')}</label>
              <select
                id={`${id}-interval`}
                value={interval}
                onChange={(e) => setIntervalChoice(e.target.value)}
              >
                {INTERVALS.map(([value, label]) => (
                  <option key={value} value={value}>
                    {t(label)}
                  </option>
                ))}
              </select>
            </>
          )}
          <label htmlFor={`${id}-full-text`}>{t('subscriptions.options.fullText')}</label>
          <select
            id={`${id}-full-text`}
            value={fullText}
            onChange={(e) => setFullText(e.target.value as typeof fullText)}
          >
            <option value="">{t('subscriptions.options.fullTextDefault')}</option>
            <option value="auto">{t('subscriptions.options.fullTextAuto')}</option>
            <option value="always">{t('subscriptions.options.fullTextAlways')}</option>
            <option value="never">{t('subscriptions.options.fullTextNever')}</option>
          </select>
          <label className="settings-check" htmlFor={`${id}-crowd`}>
            <input
              id={`${id}-crowd`}
              type="checkbox"
              checked={inCrowd}
              onChange={(e) => setInCrowd(e.target.checked)}
            />
            {t('subscriptions.options.inCrowd')}
          </label>
          {!inCrowd && <p className="dialog-subtitle">{t('subscriptions.options.quietHint')}</p>}
          <label className="settings-check" htmlFor={`${id}-notify`}>
            <input
              id={`${id}-notify`}
              type="checkbox"
              checked={notify}
              aria-describedby={notifyProblem ? `${id}-notify-problem` : undefined}
              onChange={(e) => {
                const on = e.target.checked;
                setNotify(on);
                setNotifyProblem(undefined);
                // Permission is asked here, on the reader's click, and nowhere else.
                if (on) void notificationProblem().then(setNotifyProblem);
              }}
            />
            {t('subscriptions.options.notify')}
          </label>
          {notifyProblem && (
            <p className="form-error" role="alert" id={`${id}-notify-problem`}>
              {notifyProblem}
            </p>
          )}
          <label className="settings-check" htmlFor={`${id}-episodes`}>
            <input
              id={`${id}-episodes`}
              type="checkbox"
              checked={keepEpisodes}
              onChange={(e) => setKeepEpisodes(e.target.checked)}
            />
            {t('subscriptions.options.keepEpisodes')}
          </label>
          {keepEpisodes !== (feed.keepEpisodes === true) && (
            <p className="dialog-subtitle">
              {keepEpisodes
                ? t('subscriptions.options.keepEpisodesOn', {
                    count: EPISODES_QUEUED_ON_TURN_ON,
                  })
                : t('subscriptions.options.keepEpisodesOff')}
            </p>
          )}
          {more}
          <div className="dialog-actions dialog-actions-split">
            <div>
              {accountId ? (
                <button type="button" className="button" onClick={() => syncFeedAccount(accountId)}>
                  {t('subscriptions.options.syncAccount')}
                </button>
              ) : (
                <button type="button" className="button" onClick={() => refreshFeed(feed.id)}>
                  {t('subscriptions.options.refresh')}
                </button>
              )}
              <button
                type="button"
                className="button button-danger"
                onClick={() => confirmRef.current?.showModal()}
              >
                {t('subscriptions.options.unsubscribe')}
              </button>
            </div>
            <div>
              <button type="button" className="button" onClick={() => dialogRef.current?.close()}>
                {t('subscriptions.options.cancel')}
              </button>
              <button type="submit" className="button button-primary">
                {t('subscriptions.options.save')}
              </button>
            </div>
          </div>
        </form>
      </dialog>
      <dialog
        ref={confirmRef}
        className="dialog"
        role="alertdialog"
        aria-labelledby={`${id}-confirm`}
      >
        <h2 id={`${id}-confirm`}>{t('subscriptions.unsubscribe.title', { feed: name })}</h2>
        <p>
          {/* The unsubscribe is queued for the server: the feed leaves every device it syncs to. */}
          {accountId
            ? t('subscriptions.unsubscribe.bodyInAccount')
            : t('subscriptions.unsubscribe.body')}
        </p>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => confirmRef.current?.close()}>
            {t('subscriptions.unsubscribe.keep')}
          </button>
          <button
            type="button"
            className="button button-danger"
            onClick={() => {
              void unsubscribeFeed(feed.id).then(() => {
                confirmRef.current?.close();
                dialogRef.current?.close();
                onUnsubscribed();
              });
            }}
          >
            {t('subscriptions.unsubscribe.confirm')}
          </button>
        </div>
      </dialog>
    </>
  );
}
