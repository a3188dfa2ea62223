import { useId, useState, type ReactNode } from 'react';
import { SMART_VIEWS, type ArticleSource } from '../../../db/queries';
import type { Account, Feed, Folder } from '../../../db/entities';
import { useFeedIcons } from '../hooks/use-feed-icons';
import {
  useFeeds,
  useSidebarAccounts,
  useSidebarFolders,
  useUnreadCount,
} from '../hooks/use-feeds';
import { errorText } from '../../../i18n/localized-error';
import { useT } from '../../../i18n/use-t';
import { FeedIcon } from './feed-icon';
import './sources.css';

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
    <nav className="sidebar" aria-label="Sources">
      <div className="sidebar-header">
        <span className="brand">Broadsheet</span>
      </div>
      {actions && <div className="sidebar-actions">{actions}</div>}
      <ul className="source-list" aria-label="Smart views">
        {SMART_VIEWS.map((view) => (
          <li key={view.kind}>
            <button
              type="button"
              className="source"
              aria-current={selected?.kind === view.kind ? 'true' : undefined}
              onClick={() => onSelect({ kind: view.kind })}
            >
              <span className="source-title">{view.label}</span>
            </button>
          </li>
        ))}
      </ul>
      {sections}
      <h2 className="sidebar-heading" id={`${id}-local`}>
        {hasAccounts ? 'On this computer' : 'Feeds'}
      </h2>
      {feeds && local.feeds.length === 0 && (
        <p className="sidebar-empty">
          {hasAccounts
            ? 'No feeds yet.'
            : 'No feeds yet. Use “Add feed” to subscribe, or “Import” an OPML list.'}
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
  const id = useId();
  const empty =
    account.status === 'signed-out'
      ? 'Signed out. Sign in again in Settings → Accounts.'
      : account.lastSyncAt === undefined
        ? 'Its feeds arrive with the first sync.'
        : 'No feeds in this account.';
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
      ? { text: 'Signed out', name: `${account.name} is signed out: sign in again` }
      : account.status === 'error'
        ? {
            text: 'Sync failed',
            name: `${account.name} could not sync${account.lastError ? `: ${errorText(account.lastError, t)}` : ''}`,
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
          {open ? '▾' : '▸'}
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
  const unread = useUnreadCount(feed.id);
  const title = feed.customTitle ?? feed.title;
  const t = useT();
  // Main's message in the reader's language when the failure carries one.
  const error = feed.lastError && { ...feed.lastError, message: errorText(feed.lastError, t) };
  return (
    <button
      type="button"
      className="source"
      aria-current={current ? 'true' : undefined}
      onClick={onSelect}
      title={error ? `${title}: ${error.message}` : title}
    >
      <FeedIcon feed={feed} title={title} />
      <span className="source-title">{title}</span>
      {error && (
        <span className="badge badge-error" role="img" aria-label={`Error: ${error.message}`}>
          !
        </span>
      )}
      {unread ? (
        <span className="badge" aria-label={`${unread} unread`}>
          {unread}
        </span>
      ) : null}
    </button>
  );
}
