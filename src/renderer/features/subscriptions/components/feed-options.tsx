import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { Feed } from '../../../db/entities';
import { errorText } from '../../../i18n/localized-error';
import { useT } from '../../../i18n/use-t';
import {
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
const INTERVALS: [string, string][] = [
  ['', 'Default'],
  ['15', 'Every 15 minutes'],
  ['60', 'Every hour'],
  ['240', 'Every 4 hours'],
  ['1440', 'Once a day'],
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
  const [open, setOpen] = useState(false);
  const closed = useCallback(() => setOpen(false), []);
  const name = feed.customTitle ?? feed.title;
  return (
    <>
      <button
        type="button"
        className="icon-button"
        aria-label={`Options for ${name}`}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        ⋯
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
          <h2 id={`${id}-title`}>Feed options</h2>
          <p className="dialog-subtitle">{feed.url}</p>
          {feed.lastError && (
            <p className="form-error" role="alert">
              {/* A redirect onto another feed, or a refusal by the scheduler, is no failed refresh. */}
              {duplicate || feed.lastError.code === 'sync-refused' ? '' : 'Last refresh failed: '}
              {errorText(feed.lastError, t)}
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
                    (error: unknown) =>
                      setMergeError(error instanceof Error ? error.message : String(error)),
                  );
                }}
              >
                Merge into “{duplicate.customTitle ?? duplicate.title}”
              </button>
            </p>
          )}
          {mergeError && (
            <p className="form-error" role="alert">
              The feeds could not be merged: {mergeError}
            </p>
          )}
          <label htmlFor={`${id}-name`}>Name</label>
          <input id={`${id}-name`} value={title} onChange={(e) => setTitle(e.target.value)} />
          <label htmlFor={`${id}-folder`}>Folder</label>
          <select
            id={`${id}-folder`}
            value={folderId}
            onChange={(e) => setFolderId(e.target.value)}
          >
            <option value="">No folder</option>
            {/* Folders of the feed's own source: this computer's, or its account's. */}
            {folders
              ?.filter((folder) => folder.accountId === feed.accountId)
              .map((folder) => (
                <option key={folder.id} value={folder.id}>
                  {folder.name}
                </option>
              ))}
            <option value={NEW_FOLDER}>New folder…</option>
          </select>
          {folderId === NEW_FOLDER && (
            <>
              <label htmlFor={`${id}-new-folder`}>New folder name</label>
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
              <label htmlFor={`${id}-interval`}>Refresh</label>
              <select
                id={`${id}-interval`}
                value={interval}
                onChange={(e) => setIntervalChoice(e.target.value)}
              >
                {INTERVALS.map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </>
          )}
          <label htmlFor={`${id}-full-text`}>Whole articles</label>
          <select
            id={`${id}-full-text`}
            value={fullText}
            onChange={(e) => setFullText(e.target.value as typeof fullText)}
          >
            <option value="">Default (see Settings)</option>
            <option value="auto">Fetch when the feed gives only a summary</option>
            <option value="always">Always fetch the whole article</option>
            <option value="never">Never fetch</option>
          </select>
          <label className="settings-check" htmlFor={`${id}-crowd`}>
            <input
              id={`${id}-crowd`}
              type="checkbox"
              checked={inCrowd}
              onChange={(e) => setInCrowd(e.target.checked)}
            />
            Show in All articles, Unread and Today
          </label>
          {!inCrowd && (
            <p className="dialog-subtitle">
              Its articles show under the feed itself and in search.
            </p>
          )}
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
            Notify me of new articles
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
            Keep episodes offline
          </label>
          {keepEpisodes !== (feed.keepEpisodes === true) && (
            <p className="dialog-subtitle">
              {keepEpisodes
                ? 'Its audio and video are downloaded as they arrive (the newest 10 now), within the caps in Settings → Episodes.'
                : 'The episodes it kept are removed.'}
            </p>
          )}
          {more}
          <div className="dialog-actions dialog-actions-split">
            <div>
              {accountId ? (
                <button type="button" className="button" onClick={() => syncFeedAccount(accountId)}>
                  Sync account now
                </button>
              ) : (
                <button type="button" className="button" onClick={() => refreshFeed(feed.id)}>
                  Refresh this feed
                </button>
              )}
              <button
                type="button"
                className="button button-danger"
                onClick={() => confirmRef.current?.showModal()}
              >
                Unsubscribe…
              </button>
            </div>
            <div>
              <button type="button" className="button" onClick={() => dialogRef.current?.close()}>
                Cancel
              </button>
              <button type="submit" className="button button-primary">
                Save
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
        <h2 id={`${id}-confirm`}>Unsubscribe from “{name}”?</h2>
        <p>
          Its articles will be removed from your library. Bookmarked articles stay.
          {/* The unsubscribe is queued for the server: the feed leaves every device it syncs to. */}
          {accountId &&
            ' It is unsubscribed on the account’s server too, for every app that syncs with it.'}
        </p>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => confirmRef.current?.close()}>
            Keep subscription
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
            Unsubscribe
          </button>
        </div>
      </dialog>
    </>
  );
}
