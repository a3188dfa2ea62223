import { useEffect, useRef } from 'react';
import { accountCopyOf } from '../../../db/accounts-repository';
import type { Feed } from '../../../db/entities';
import type { ArticleSource } from '../../../db/queries';
import { useFeeds } from './use-feeds';

/**
 * When the feed on show leaves the library, shows where it went: a local feed moved into an
 * account is merged into the account's copy (that copy is selected), any other feed that goes
 * falls back to All articles. Only a feed that was seen and then vanished counts: Add feed
 * selects its new feed before the live query has its row, and that must not bounce back.
 */
export function useFollowVanishedFeed(
  selected: ArticleSource | undefined,
  onGone: (next: ArticleSource) => void,
): void {
  const feeds = useFeeds();
  const seen = useRef<Feed | undefined>(undefined);
  const feedId = selected?.kind === 'feed' ? selected.feedId : undefined;
  useEffect(() => {
    if (!feeds || !feedId) return;
    const current = feeds.find((feed) => feed.id === feedId);
    if (current) {
      seen.current = current;
      return;
    }
    const last = seen.current;
    if (last?.id !== feedId) return;
    seen.current = undefined;
    const successor = accountCopyOf(last, feeds);
    onGone(successor ? { kind: 'feed', feedId: successor.id } : { kind: 'all' });
  }, [feeds, feedId, onGone]);
}
