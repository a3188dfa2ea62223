import type { ArticleSource } from '../../../db/queries';
import type { Feed } from '../../../db/entities';
import { useFeeds, useUnreadCount } from '../hooks/use-feeds';

interface Props {
  selected: ArticleSource;
  onSelect: (source: ArticleSource) => void;
  actions?: React.ReactNode;
}

export function SourcesSidebar({ selected, onSelect, actions }: Props) {
  const feeds = useFeeds();
  return (
    <nav className="sidebar" aria-label="Sources">
      <div className="sidebar-header">
        <span className="brand">Broadsheet</span>
        {actions}
      </div>
      <ul className="source-list">
        <li>
          <button
            type="button"
            className="source"
            aria-current={selected.kind === 'all' ? 'true' : undefined}
            onClick={() => onSelect({ kind: 'all' })}
          >
            <span className="source-title">All articles</span>
          </button>
        </li>
      </ul>
      <h2 className="sidebar-heading">Feeds</h2>
      {feeds && feeds.length === 0 && (
        <p className="sidebar-empty">No feeds yet. Use “Add feed” to subscribe.</p>
      )}
      <ul className="source-list">
        {feeds?.map((feed) => (
          <li key={feed.id}>
            <FeedButton
              feed={feed}
              current={selected.kind === 'feed' && selected.feedId === feed.id}
              onSelect={() => onSelect({ kind: 'feed', feedId: feed.id })}
            />
          </li>
        ))}
      </ul>
    </nav>
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
  return (
    <button
      type="button"
      className="source"
      aria-current={current ? 'true' : undefined}
      onClick={onSelect}
      title={feed.lastError ? `${title}: ${feed.lastError.message}` : title}
    >
      <span className="source-title">{title}</span>
      {feed.lastError && (
        <span className="badge badge-error" aria-label={`Error: ${feed.lastError.message}`}>
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
