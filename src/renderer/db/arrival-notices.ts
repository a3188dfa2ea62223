import type { Account, Article, Feed } from './entities';
import { feedTitle } from './index-document';

/*
 * Which arrivals a refresh's notification may name. Decided inside the transaction that stores
 * them (arrivals.ts), after the rules and story grouping, so it sees what the reader will see:
 *
 * - new: never stored before (an upstream edit of a stored article is no news);
 * - wanted: its feed has "Notify me of new articles" on, or a 'notify' rule matched it;
 * - still news: unread (a rule or the account's server may have marked it read) and not hidden
 *   by a rule;
 * - not the first sync of its feed: a new subscription's whole back catalogue is not news.
 *   A feed of this computer has never been stored from a fetch while it has no lastFetchedAt
 *   (storeFetchResult writes it with the last batch, so every batch of a large first fetch,
 *   and a first fetch retried after a page died between batches, still counts as the first).
 *   An account's feed: the account's first sync, or a subscription added since its last one.
 *   "No articles yet" is not the test: an empty feed's first article is news.
 */

/** One article a notification may name. */
export interface ArrivalNotice {
  articleId: string;
  feedId: string;
  feedTitle: string;
  title: string;
  publishedAt: number;
  /** Copies of one story are named once. */
  storyId?: string;
}

/** Whether the articles this feed brings now are its first (nothing to notify). */
export function isFirstSync(feed: Feed, account?: Pick<Account, 'lastSyncAt'>): boolean {
  if (feed.accountId === undefined) return feed.lastFetchedAt === undefined;
  const last = account?.lastSyncAt;
  return last === undefined || feed.createdAt > last;
}

/** Whether a stored article is still news: unread and shown (not hidden by a rule). */
export function isStillNews(article: Pick<Article, 'unread' | 'hiddenAt'>): boolean {
  return article.unread === 1 && article.hiddenAt === undefined;
}

/**
 * The arrivals a notification may name, in their order. `notifiedByRule`: ids a 'notify' rule
 * matched; `account`: the account whose items these are, if any.
 */
export function noticesFor(
  arrivals: readonly Article[],
  feeds: readonly Feed[],
  notifiedByRule: ReadonlySet<string>,
  account?: Pick<Account, 'lastSyncAt'>,
): ArrivalNotice[] {
  const byId = new Map(feeds.map((feed) => [feed.id, feed]));
  const notices: ArrivalNotice[] = [];
  for (const article of arrivals) {
    const feed = byId.get(article.feedId);
    if (!feed || feed.unsubscribedAt !== undefined || article.savedAt !== undefined) continue;
    if (!feed.notify && !notifiedByRule.has(article.id)) continue;
    if (!isStillNews(article) || isFirstSync(feed, account)) continue;
    const notice: ArrivalNotice = {
      articleId: article.id,
      feedId: feed.id,
      feedTitle: feedTitle(feed),
      title: article.title,
      publishedAt: article.publishedAt,
    };
    if (article.storyId !== undefined) notice.storyId = article.storyId;
    notices.push(notice);
  }
  return notices;
}
