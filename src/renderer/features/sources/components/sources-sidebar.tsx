import { useId, useState, type ReactNode } from 'react';
import { SMART_VIEWS, type ArticleSource } from '../../../db/queries';
import type { Account, Feed, Folder } from '../../../db/entities';
import type { MessageId } from '../../../i18n/catalogue';
import { errorText } from '../../../i18n/localized-error';
import { useT } from '../../../i18n/use-t';
import { useFeedIcons } from '../hooks/use-feed-icons';
import {
  useFeeds,
  useSidebarAccounts,
  useSidebarFolders,
  useUnreadCount,
} from '../hooks/use-feeds';
import { FeedIcon } from './feed-icon';
import './sources.css';

/** The smart views' names, by kind (the db names them in English for its own use). */
const SMART_VIEW_NAMES: Record<(typeof SMART_VIEWS)[number]['kind'], MessageId> = {
  all: 'sources.smartView.all',
  unread: 'sources.smartView.unread',
  today: 'sources.smartView.today',
  bookmarks: 'sources.smartView.bookmarks',
  saved: 'sources.smartView.saved',
};

/** A folder's caret: drawn shapes, not words, so nothing to translate. */
const CARET_OPEN = '▾';
const CARET_CLOSED = '▸';
/** A failing feed's badge: a sign, named by its aria-label. */
const ERROR_MARK = '!';

interface Props {
  /** The view on show; none while a search has the list (its saved search is then current). */
  selected: ArticleSource | undefined;
  onSelect: (source: ArticleSource) => void;
  /** Header actions (add, import…), supplied by the app shell. */
  actions?: ReactNode;
  footer?: ReactNode;
  /**
   * Further groups of sources between the smart views and the feeds (tags, saved searches),
   * each owned by its own feature and composed by the app shell.
   */
  sections?: ReactNode;
  /** Per-feed actions menu, supplied by the app shell. */
  renderFeedActions?: (feed: Feed) => ReactNode;
}

export function SourcesSidebar({
  selected,
  onSelect,
  actions,
  footer,
  sections,
  renderFeedActions,
}: Props) {
  const t = useT();
  const feeds = useFeeds();
  const folders = useSidebarFolders();
  const accounts = useSidebarAccounts();
  const id = useId();
  useFeedIcons(feeds);
  const isCurrent = (feed: Feed) => selected?.kind === 'feed' && selected.feedId === feed.id;
  const row = (feed: Feed) => (
    <li key={feed.id} className="feed-row">
      <FeedButton
        feed={feed}
        current={isCurrent(feed)}
        onSelect={() => onSelect({ kind: 'feed', feedId: feed.id })}
      />
      {renderFeedActions?.(feed)}
    </li>
  );
  // Feeds and folders without an account are this computer's own: the default source.
  const ofAccount = (accountId: string | undefined) => ({
    feeds: feeds?.filter((feed) => feed.accountId === accountId) ?? [],
    folders: folders?.filter((folder) => folder.accountId === accountId) ?? [],
  });
  const local = ofAccount(undefined);
  const hasAccounts = accounts !== undefined && accounts.length > 0;

  return (
    <nav className="sidebar" aria-label={t('sources.sidebar.label')}>
      <div className="sidebar-header">
        <span className="brand">{t('sources.sidebar.brand')}</span>
      </div>
      {actions && <div className="sidebar-actions">{actions}</div>}
      <ul className="source-list" aria-label={t('sources.sidebar.smartViews')}>
        {SMART_VIEWS.map((view) => (
          <li key={view.kind}>
            <button
              type="button"
              className="source"
              aria-current={selected?.kind === view.kind ? 'true' : undefined}
              onClick={() => onSelect({ kind: view.kind })}
            >
              <span className="source-title">{t(SMART_VIEW_NAMES[view.kind])}</span>
            </button>
          </li>
        ))}
      </ul>
      {sections}
      <h2 className="sidebar-heading" id={`${id}-local`}>
        {hasAccounts ? t('sources.sidebar.onThisComputer') : t('sources.sidebar.feeds')}
      </h2>
      {feeds && local.feeds.length === 0 && (
        <p className="sidebar-empty">
          {hasAccounts ? t('sources.sidebar.emptyBesideAccounts') : t('sources.sidebar.empty')}
        </p>
      )}
      <FeedGroup labelledBy={`${id}-local`} {...local} renderRow={row} />
      {accounts?.map((account) => (
        <AccountGroup
          key={account.id}
          account={account}
          {...ofAccount(account.id)}
          renderRow={row}
        />
      ))}
      {footer && <div className="sidebar-footer">{footer}</div>}
    </nav>
  );
}

/**
 * One source's feeds: its folders, each with its feeds, then the feeds in no folder. With
 * `hideEmptyFolders` (an account's group) a folder without feeds is left out: servers keep
 * folders of their own (FreshRSS's "Uncategorized") that would show as empty groups.
 */
function FeedGroup({
  labelledBy,
  feeds,
  folders,
  renderRow,
  hideEmptyFolders = false,
}: {
  labelledBy: string;
  feeds: Feed[];
  folders: Folder[];
  renderRow: (feed: Feed) => ReactNode;
  hideEmptyFolders?: boolean;
}) {
  const loose = feeds.filter(
    (feed) => !feed.folderId || !folders.some((f) => f.id === feed.folderId),
  );
  const shown = hideEmptyFolders
    ? folders.filter((folder) => feeds.some((feed) => feed.folderId === folder.id))
    : folders;
  return (
    <ul className="source-list" aria-labelledby={labelledBy}>
      {shown.map((folder) => (
        <FolderGroup
          key={folder.id}
          folder={folder}
          feeds={feeds.filter((feed) => feed.folderId === folder.id)}
          renderRow={renderRow}
        />
      ))}
      {loose.map(renderRow)}
    </ul>
  );
}

/** A sync account as a source: its name, and the feeds and folders the server holds for it. */
function AccountGroup({
  account,
  feeds,
  folders,
  renderRow,
}: {
  account: Account;
  feeds: Feed[];
  folders: Folder[];
  renderRow: (feed: Feed) => ReactNode;
}) {
  const t = useT();
  const id = useId();
  const empty =
    account.status === 'signed-out'
      ? t('sources.account.emptySignedOut')
      : account.lastSyncAt === undefined
        ? t('sources.account.emptyBeforeSync')
        : t('sources.account.empty');
  return (
    <>
      <div className="sidebar-heading-row">
        <h2 className="sidebar-heading" id={`${id}-account`}>
          {account.name}
        </h2>
        <AccountState account={account} />
      </div>
      {feeds.length === 0 && <p className="sidebar-empty">{empty}</p>}
      <FeedGroup
        labelledBy={`${id}-account`}
        feeds={feeds}
        folders={folders}
        renderRow={renderRow}
        hideEmptyFolders
      />
    </>
  );
}

/**
 * Beside an account's name when its feeds are not keeping up: signed out (the server refused
 * the saved sign-in; the sync status line offers "Sign in again") or the last sync failed.
 */
function AccountState({ account }: { account: Account }) {
  const t = useT();
  const problem =
    account.status === 'signed-out'
      ? {
          text: t('sources.account.signedOut'),
          name: t('sources.account.signedOutName', { account: account.name }),
        }
      : account.status === 'error'
        ? {
            text: t('sources.account.syncFailed'),
            name: account.lastError
              ? t('sources.account.syncFailedBecause', {
                  account: account.name,
                  error: errorText(account.lastError, t),
                })
              : t('sources.account.syncFailedName', { account: account.name }),
          }
        : undefined;
  if (!problem) return null;
  return (
    <span
      className="badge badge-error account-state"
      role="img"
      aria-label={problem.name}
      title={problem.name}
    >
      {problem.text}
    </span>
  );
}

function FolderGroup({
  folder,
  feeds,
  renderRow,
}: {
  folder: Folder;
  feeds: Feed[];
  renderRow: (feed: Feed) => ReactNode;
}) {
  const [open, setOpen] = useState(true);
  const listId = `folder-${folder.id}`;
  return (
    <li className="folder">
      <button
        type="button"
        className="source folder-toggle"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen(!open)}
      >
        <span className="folder-caret" aria-hidden="true">
          {open ? CARET_OPEN : CARET_CLOSED}
        </span>
        <span className="source-title">{folder.name}</span>
      </button>
      <ul id={listId} className="source-list folder-feeds" hidden={!open} aria-label={folder.name}>
        {feeds.map(renderRow)}
      </ul>
    </li>
  );
}

function FeedButton({
  feed,
  current,
  onSelect,
}: {
  feed: Feed;
  current: boolean;
  onSelect: () => void;
}) {
  const t = useT();
  const unread = useUnreadCount(feed.id);
  const title = feed.customTitle ?? feed.title;
  const error = feed.lastError;
  return (
    <button
      type="button"
      className="source"
      aria-current={current ? 'true' : undefined}
      onClick={onSelect}
      title={
        error ? t('sources.feed.titleWithError', { title, error: errorText(error, t) }) : title
      }
    >
      <FeedIcon feed={feed} title={title} />
      <span className="source-title">{title}</span>
      {error && (
        <span
          className="badge badge-error"
          role="img"
          aria-label={t('sources.feed.error', { error: errorText(error, t) })}
        >
          {ERROR_MARK}
        </span>
      )}
      {unread ? (
        <span className="badge" aria-label={t('sources.feed.unread', { count: unread })}>
          {t.number(unread)}
        </span>
      ) : null}
    </button>
  );
}
