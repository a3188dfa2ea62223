import type { NotifyRequest } from '@shared/desktop-model';
import type { ArrivalNotice } from '../db/arrival-notices';
import { getLocaleState, translate } from '../i18n/current-locale';
import { compareNames } from '../i18n/formats';

/*
 * The words of a refresh's one notification. One article: its feed as the title, its title as
 * the body, and a click opens it. More: "5 new articles from The Verge" or "7 new articles from
 * 3 feeds", the newest titles (or the feeds with their counts) as the body, and a click opens
 * the newest. Copies of one story count once. Lengths stay inside the contract's limits.
 */

/** The contract's limits on `desktop.notify` (shared/contract.ts). */
const MAX_TITLE = 300;
const MAX_BODY = 1000;
/** Titles (or feeds) named in the body before "and N more". */
const LISTED = 3;
const MAX_LINE = 120;

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** Newest first, and one notice per story (the newest copy speaks for it). */
export function distinctNotices(notices: readonly ArrivalNotice[]): ArrivalNotice[] {
  const sorted = [...notices].sort(
    (a, b) => b.publishedAt - a.publishedAt || a.articleId.localeCompare(b.articleId),
  );
  const stories = new Set<string>();
  return sorted.filter((notice) => {
    const story = notice.storyId ?? notice.articleId;
    if (stories.has(story)) return false;
    stories.add(story);
    return true;
  });
}

/** An article's title as one line; a blank one still says what it is. */
function titleOf(notice: ArrivalNotice, max: number): string {
  return clip(notice.title, max) || translate('notices.untitledArticle');
}

function list(lines: string[], total: number): string {
  const shown = lines.slice(0, LISTED);
  if (total > shown.length)
    shown.push(translate('notices.andMore', { count: total - shown.length }));
  return shown.join('\n');
}

/** The notification for these arrivals; undefined when there is nothing to say. */
export function noticeText(notices: readonly ArrivalNotice[]): NotifyRequest | undefined {
  const distinct = distinctNotices(notices);
  const newest = distinct[0];
  if (!newest) return undefined;
  if (distinct.length === 1) {
    return {
      title: clip(newest.feedTitle, MAX_TITLE),
      body: titleOf(newest, MAX_BODY),
      articleId: newest.articleId,
    };
  }
  const feeds = new Map<string, { title: string; count: number }>();
  for (const notice of distinct) {
    const feed = feeds.get(notice.feedId);
    if (feed) feed.count += 1;
    else feeds.set(notice.feedId, { title: notice.feedTitle, count: 1 });
  }
  const title =
    feeds.size === 1
      ? translate('notices.title.oneFeed', { count: distinct.length, feed: newest.feedTitle })
      : translate('notices.title.manyFeeds', { count: distinct.length, feeds: feeds.size });
  const byName = compareNames(getLocaleState().locale);
  const body =
    feeds.size === 1
      ? list(
          distinct.map((notice) => titleOf(notice, MAX_LINE)),
          distinct.length,
        )
      : list(
          // The feeds with the most news first.
          [...feeds.values()]
            .sort((a, b) => b.count - a.count || byName(a.title, b.title))
            .map((feed) =>
              translate('notices.feedLine', {
                feed: clip(feed.title, MAX_LINE),
                count: feed.count,
              }),
            ),
          feeds.size,
        );
  return {
    title: clip(title, MAX_TITLE),
    // Three lines of at most MAX_LINE: always inside MAX_BODY, kept so by the slice.
    body: body.slice(0, MAX_BODY),
    articleId: newest.articleId,
  };
}
