import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { SMART_VIEWS, type ArticleSource } from '../../../db/queries';
import { relativeTime, textExcerpt } from '../../../lib/format';
import { markListPainted } from '../../../lib/list-painted';
import type { Article } from '../../../db/entities';
import {
  loadMoreArticles,
  useArticleCount,
  useFeedLanguages,
  useFeedTitles,
  sourceKey,
  useListOptions,
} from '../hooks/use-articles';
import { useEpisodeProgress } from '../hooks/use-episode-progress';
import { useScrollRead } from '../hooks/use-scroll-read';
import { MarkReadMenu } from './mark-read-menu';
import { StoryCopies } from './story-copies';
import './article-list.css';

interface Props {
  source: ArticleSource;
  articles: Article[] | undefined;
  selectedId?: string;
  onOpen: (id: string) => void;
  /** Shown above the header: the app shell's way back when only one pane fits. */
  navigation?: ReactNode;
  /**
   * Under a row, beside its button (a button holds no controls): what another feature adds to
   * some rows (the rule that hid an article, "Show again"). Null leaves the row as it is.
   */
  renderRowExtra?: (article: Article) => ReactNode;
}

/** A first guess at a row's height (title, meta, two-line excerpt); rows are then measured. */
const ESTIMATED_ROW = 96;
/** Rows rendered beyond the visible ones, so j/k and fast scrolling rarely meet a blank. */
const OVERSCAN = 10;
/** How close to the last loaded row scrolling asks for the next page. */
const PREFETCH = 40;

export function ArticleList({
  source,
  articles,
  selectedId,
  onOpen,
  navigation,
  renderRowExtra,
}: Props) {
  const feedTitles = useFeedTitles();
  const feedLanguages = useFeedLanguages();
  const episodes = useEpisodeProgress();
  const total = useArticleCount(source);
  const [options, setOptions] = useListOptions();
  const scrollerRef = useRef<HTMLDivElement>(null);
  const rows = useMemo(() => articles ?? [], [articles]);
  // The virtualizer re-renders this component itself on scroll; no compiler memoization is
  // relied on here (the rows below are memoized by hand).
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => ESTIMATED_ROW,
    overscan: OVERSCAN,
    getItemKey: (index) => rows[index]?.id ?? index,
  });
  // A new view or a new order starts at its top.
  const viewKey = `${sourceKey(source)}|${options.order}|${options.unreadOnly}`;
  const jumped = useScrollRead(scrollerRef, virtualizer, rows, viewKey);
  const items = virtualizer.getVirtualItems();
  const lastRendered = items.length > 0 ? items[items.length - 1]!.index : -1;

  useEffect(() => {
    if (lastRendered >= rows.length - PREFETCH && (total === undefined || rows.length < total)) {
      loadMoreArticles(source, rows.length);
    }
  }, [lastRendered, rows.length, total, source]);

  // The selection moves from the keyboard as well as by clicks; whoever moved it, the list
  // brings that row into view, once per change, even when it had to load the row first.
  const scrolledTo = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!selectedId || scrolledTo.current === selectedId) return;
    const index = rows.findIndex((article) => article.id === selectedId);
    if (index < 0) return;
    scrolledTo.current = selectedId;
    jumped();
    virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [selectedId, rows, virtualizer, jumped]);

  useEffect(() => {
    if (articles) markListPainted();
  }, [articles]);

  useEffect(() => {
    jumped();
    scrollerRef.current?.scrollTo({ top: 0 });
  }, [viewKey, jumped]);

  const size = total ?? rows.length;
  return (
    <section className="list-pane virtual-list-pane" aria-labelledby="article-list-heading">
      <div className="article-list-header">
        {navigation}
        <div className="article-list-title">
          <h2 id="article-list-heading" className="pane-heading">
            {source.kind === 'feed'
              ? (feedTitles.get(source.feedId) ?? 'Feed')
              : source.kind === 'tag'
                ? `Tag: ${source.tag}`
                : source.kind === 'hidden'
                  ? 'Hidden'
                  : SMART_VIEWS.find((view) => view.kind === source.kind)?.label}
          </h2>
          {total !== undefined && (
            <span className="article-list-count">
              {total.toLocaleString()} {total === 1 ? 'article' : 'articles'}
            </span>
          )}
        </div>
        <div className="article-list-controls">
          <button
            type="button"
            className="article-list-toggle"
            aria-pressed={options.order === 'oldest'}
            onClick={() =>
              setOptions((current) => ({
                order: current.order === 'oldest' ? 'newest' : 'oldest',
              }))
            }
          >
            Oldest first
          </button>
          {source.kind !== 'unread' && (
            <button
              type="button"
              className="article-list-toggle"
              aria-pressed={options.unreadOnly}
              onClick={() => setOptions((current) => ({ unreadOnly: !current.unreadOnly }))}
            >
              Unread only
            </button>
          )}
          <MarkReadMenu source={source} />
        </div>
      </div>
      {articles && articles.length === 0 && (
        <p className="empty">
          {options.unreadOnly && source.kind !== 'unread'
            ? 'No unread articles here.'
            : source.kind === 'saved'
              ? 'Nothing saved yet. Use “Save URL” for any web page, or “Import” a text, Markdown or HTML file.'
              : source.kind === 'bookmarks'
                ? 'No bookmarks yet. Bookmark an article (or press b) to keep it here for good.'
                : source.kind === 'tag'
                  ? 'No bookmarks carry this tag any more.'
                  : source.kind === 'hidden'
                    ? 'Nothing hidden. Articles your rules hide wait here, with a way back.'
                    : source.kind === 'unread'
                      ? 'All caught up: nothing unread.'
                      : source.kind === 'today'
                        ? 'Nothing published today yet.'
                        : 'No articles here yet. Subscribe to a feed to fill this list.'}
        </p>
      )}
      <div className="article-list-scroller" ref={scrollerRef}>
        <ul
          className="article-list"
          aria-label="Articles"
          style={{ height: virtualizer.getTotalSize() }}
        >
          {items.map((item) => {
            const article = rows[item.index]!;
            const extra = renderRowExtra?.(article);
            return (
              <li
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                aria-setsize={size}
                aria-posinset={item.index + 1}
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <ArticleRow
                  article={article}
                  feedTitle={feedTitles.get(article.feedId)}
                  lang={article.lang ?? feedLanguages.get(article.feedId)}
                  selected={article.id === selectedId}
                  onOpen={onOpen}
                  episode={episodes.get(article.id)}
                />
                {extra ? <div className="article-row-extra">{extra}</div> : null}
                {article.storyId !== undefined && (
                  <StoryCopies
                    article={article}
                    feedTitles={feedTitles}
                    selectedId={selectedId}
                    onOpen={onOpen}
                  />
                )}
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}

interface RowProps {
  article: Article;
  feedTitle: string | undefined;
  /** The article's language, else its feed's: its title and excerpt are in it. */
  lang: string | undefined;
  selected: boolean;
  onOpen: (id: string) => void;
  /** "Downloading 45%" while the item's episode is on its way. */
  episode?: string | undefined;
}

/**
 * Memoized: scrolling re-renders the list on every frame. The excerpt was made when the article
 * was stored; only rows stored before that existed parse their HTML here.
 */
const ArticleRow = memo(function ArticleRow({
  article,
  feedTitle,
  lang,
  selected,
  onOpen,
  episode,
}: RowProps) {
  const excerpt = useMemo(
    () => article.listText ?? textExcerpt(article.summary ?? article.contentHtml),
    [article.listText, article.summary, article.contentHtml],
  );
  return (
    <button
      type="button"
      className="article-row"
      aria-current={selected ? 'true' : undefined}
      data-unread={article.unread === 1 || undefined}
      data-article-id={article.id}
      onClick={() => onOpen(article.id)}
    >
      <span className="article-row-title" lang={lang} dir="auto">
        {article.title}
      </span>
      <span className="article-row-meta">
        {feedTitle} · {relativeTime(article.publishedAt)}
        {article.bookmarkedAt !== undefined && ' · ★ Bookmarked'}
        {article.offline === 'complete' && ' · Offline'}
        <MediaMark article={article} />
        {episode && ` · ${episode}`}
      </span>
      <span className="article-row-excerpt" lang={lang} dir="auto">
        {excerpt}
      </span>
    </button>
  );
});

/** Marks a row whose item carries audio or video, named for screen readers. */
function MediaMark({ article }: { article: Article }) {
  const first = article.enclosures?.[0];
  if (!first) return null;
  const video = first.type?.startsWith('video/') ?? false;
  return (
    <>
      {' · '}
      <span className="article-row-media" role="img" aria-label={video ? 'Has video' : 'Has audio'}>
        {video ? '🎬' : '🎧'}
      </span>
    </>
  );
}
