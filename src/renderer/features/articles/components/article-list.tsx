import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef, type ReactNode } from 'react';
import type { ArticleSource } from '../../../db/queries';
import { textExcerpt } from '../../../lib/format';
import { markListPainted } from '../../../lib/list-painted';
import type { Article } from '../../../db/entities';
import type { MessageId } from '../../../i18n/catalogue';
import { useT } from '../../../i18n/use-t';
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

/** Glyphs, not words: the same in every language (the row names them for screen readers). */
const MEDIA_ICONS = { video: '🎬', audio: '🎧' } as const;

/** Each view's heading (a feed's is its name, a tag's says the tag). */
const HEADINGS: Record<Exclude<ArticleSource['kind'], 'feed' | 'tag'>, MessageId> = {
  all: 'articles.heading.all',
  unread: 'articles.heading.unread',
  today: 'articles.heading.today',
  bookmarks: 'articles.heading.bookmarks',
  saved: 'articles.heading.saved',
  hidden: 'articles.heading.hidden',
};

/** What an empty view says, by view (an "Unread only" filter has its own). */
const EMPTY: Record<Exclude<ArticleSource['kind'], 'all' | 'feed'> | 'other', MessageId> = {
  saved: 'articles.empty.saved',
  bookmarks: 'articles.empty.bookmarks',
  tag: 'articles.empty.tag',
  hidden: 'articles.empty.hidden',
  unread: 'articles.empty.unread',
  today: 'articles.empty.today',
  other: 'articles.empty.other',
};

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
  const t = useT();
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
              ? (feedTitles.get(source.feedId) ?? t('articles.heading.feed'))
              : source.kind === 'tag'
                ? t('articles.heading.tag', { tag: source.tag })
                : t(HEADINGS[source.kind])}
          </h2>
          {total !== undefined && (
            <span className="article-list-count">{t('articles.list.count', { count: total })}</span>
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
            {t('articles.list.oldestFirst')}
          </button>
          {source.kind !== 'unread' && (
            <button
              type="button"
              className="article-list-toggle"
              aria-pressed={options.unreadOnly}
              onClick={() => setOptions((current) => ({ unreadOnly: !current.unreadOnly }))}
            >
              {t('articles.list.unreadOnly')}
            </button>
          )}
          <MarkReadMenu source={source} />
        </div>
      </div>
      {articles && articles.length === 0 && (
        <p className="empty">
          {t(
            options.unreadOnly && source.kind !== 'unread'
              ? 'articles.empty.noUnread'
              : EMPTY[source.kind === 'all' || source.kind === 'feed' ? 'other' : source.kind],
          )}
        </p>
      )}
      <div className="article-list-scroller" ref={scrollerRef}>
        <ul
          className="article-list"
          aria-label={t('articles.list.label')}
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
  const t = useT();
  const separator = t('articles.row.separator');
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
        {feedTitle}
        {separator}
        {t.relative(article.publishedAt)}
        {article.bookmarkedAt !== undefined && separator + t('articles.row.bookmarked')}
        {article.offline === 'complete' && separator + t('articles.row.offline')}
        <MediaMark article={article} separator={separator} />
        {episode && separator + episode}
      </span>
      <span className="article-row-excerpt" lang={lang} dir="auto">
        {excerpt}
      </span>
    </button>
  );
});

/** Marks a row whose item carries audio or video, named for screen readers. */
function MediaMark({ article, separator }: { article: Article; separator: string }) {
  const t = useT();
  const first = article.enclosures?.[0];
  if (!first) return null;
  const video = first.type?.startsWith('video/') ?? false;
  return (
    <>
      {separator}
      <span
        className="article-row-media"
        role="img"
        aria-label={t(video ? 'articles.row.hasVideo' : 'articles.row.hasAudio')}
      >
        {video ? MEDIA_ICONS.video : MEDIA_ICONS.audio}
      </span>
    </>
  );
}
