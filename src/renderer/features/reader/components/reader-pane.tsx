import { useMemo, useRef, type ReactNode } from 'react';
import type { Article } from '../../../db/entities';
import { errorText } from '../../../i18n/localized-error';
import { useT } from '../../../i18n/use-t';
import { detachImageSources } from '../../../lib/article-images';
import { sanitizeForDisplay } from '../../../lib/sanitize-html';
import {
  fetchFullArticle,
  toggleBookmark,
  useArticle,
  toggleRead,
  useAutoMarkRead,
  useFeed,
} from '../hooks/use-article';
import { useObjectUrl, useOfflineImages, useStoredImages } from '../hooks/use-offline-images';
import { useReadingPosition } from '../hooks/use-reading-position';
import { FindInArticle } from './find-in-article';
import { ListenControls } from './listen-controls';
import { useHighlights } from '../hooks/use-highlights';
import { HighlightButton } from './highlight-button';
import { HighlightsList } from './highlights-list';
import { OfflineBadge } from './offline-badge';
import { EpisodePlayer } from './episode-player';
import './reader.css';

/** Glyphs, not words: hidden from screen readers, which hear aria-pressed. */
const STARS = { on: '★', off: '☆' } as const;

interface Props {
  articleId?: string;
  online: boolean;
  /** Shown instead of the usual hint when nothing is selected (the first-run welcome). */
  placeholder?: ReactNode;
  /** More buttons for the reader's toolbar (the "Aa" reading settings). */
  actions?: ReactNode;
  /** More about the open article under its toolbar (its tags and note), from other features. */
  renderDetails?: (article: Article) => ReactNode;
  /** Shown at the top: the app shell's way back when only one pane fits. */
  navigation?: ReactNode;
  /** The words of the search the article was opened from: the first match is shown. */
  searchTerms?: readonly string[];
}

export function ReaderPane({
  articleId,
  online,
  placeholder,
  actions,
  renderDetails,
  navigation,
  searchTerms,
}: Props) {
  const t = useT();
  const article = useArticle(articleId);
  const feed = useFeed(article?.feedId);
  const images = useStoredImages(article?.id);
  const contentRef = useRef<HTMLDivElement>(null);
  const scrollerRef = useRef<HTMLElement>(null);
  useAutoMarkRead(article);
  const html = useMemo(
    () => detachImageSources(sanitizeForDisplay(article?.contentHtml ?? article?.summary ?? '')),
    [article?.contentHtml, article?.summary],
  );
  useOfflineImages(contentRef, images, html);
  useReadingPosition(scrollerRef, article?.id, Boolean(article), Boolean(searchTerms?.length));
  const highlights = useHighlights(article?.id, contentRef, html);

  if (!articleId && placeholder) {
    return (
      <section className="reader-pane" aria-label={t('reader.pane.label')}>
        {navigation}
        {placeholder}
      </section>
    );
  }
  if (!articleId || article === undefined) {
    return (
      <section className="reader-pane reader-empty" aria-label={t('reader.pane.label')}>
        {navigation}
        <p>{t(articleId ? 'reader.pane.gone' : 'reader.pane.choose')}</p>
      </section>
    );
  }
  if (article === null)
    return (
      <section className="reader-pane" aria-label={t('reader.pane.label')} aria-busy="true">
        {navigation}
      </section>
    );

  const source = article.savedAt
    ? (article.siteName ?? t('reader.header.saved'))
    : (feed?.customTitle ?? feed?.title);
  const authors = article.authors.length > 0 ? t.list(article.authors) : article.byline;
  const leadStored =
    article.leadImageUrl &&
    images?.find((i) => i.url === article.leadImageUrl && i.status === 'ok');
  const fetchingText = article.fullText === 'pending';
  const star = article.bookmarkedAt !== undefined ? STARS.on : STARS.off;
  // The article's own words keep its language and direction whatever the interface's (an
  // English article in an Arabic interface reads left to right); the toolbar around them
  // speaks the interface's.
  const articleText = { lang: article.lang ?? feed?.language, dir: article.dir ?? 'auto' };

  return (
    <section ref={scrollerRef} className="reader-pane" aria-label={t('reader.pane.label')}>
      {navigation}
      <article className="reader" data-article-id={article.id}>
        <header className="reader-header">
          <p className="reader-source">
            {article.section
              ? t('reader.header.sourceSection', { source, section: article.section })
              : source}
          </p>
          <h1 {...articleText}>{article.title}</h1>
          <p className="reader-meta">
            {authors && <span>{t('reader.header.by', { authors })}</span>}
            <time dateTime={new Date(article.publishedAt).toISOString()}>
              {t.fullDate(article.publishedAt)}
            </time>
            {article.readingMinutes ? (
              <span>{t('reader.header.minutes', { minutes: article.readingMinutes })}</span>
            ) : null}
            {t('reader.header.separator')}
            <OfflineBadge article={article} />
          </p>
          <div className="reader-actions">
            <button
              type="button"
              className="button"
              aria-pressed={article.bookmarkedAt !== undefined}
              onClick={() => toggleBookmark(article)}
            >
              <span aria-hidden="true">{star} </span>
              {t('reader.toolbar.bookmark')}
            </button>
            <button type="button" className="button" onClick={() => toggleRead(article)}>
              {t(article.unread ? 'reader.toolbar.markRead' : 'reader.toolbar.markUnread')}
            </button>
            {article.url && (
              <a className="button" href={article.url} target="_blank" rel="noopener noreferrer">
                {t('reader.toolbar.openOriginal')}
              </a>
            )}
            {article.url && !article.savedAt && (
              <button
                type="button"
                className="button"
                disabled={!online || fetchingText}
                aria-describedby={!online ? 'needs-network' : undefined}
                onClick={() => void fetchFullArticle(article.id)}
              >
                {t(fetchingText ? 'reader.toolbar.fetchingFull' : 'reader.toolbar.fetchFull')}
              </button>
            )}
            <ListenControls contentRef={contentRef} html={html} lang={articleText.lang} />
            <FindInArticle {...{ contentRef, scrollerRef, html, searchTerms }} />
            <HighlightButton highlights={highlights} />
            {actions}
          </div>
          {renderDetails?.(article)}
          {!online && (
            <p id="needs-network" className="reader-note">
              {t('reader.toolbar.fetchNeedsNetwork')}
            </p>
          )}
          {article.fullText === 'failed' && article.fullTextError && (
            <p className="reader-note" role="status">
              {t('reader.toolbar.fetchFailed', {
                reason: errorText(
                  { message: article.fullTextError, text: article.fullTextErrorText },
                  t,
                ),
              })}
            </p>
          )}
        </header>
        <EpisodePlayer article={article} online={online} />
        {leadStored && !html.includes(article.leadImageUrl!) && (
          <LeadImage url={article.leadImageUrl!} blob={leadStored.blob} />
        )}
        <div
          ref={contentRef}
          className="reader-content"
          {...articleText}
          dangerouslySetInnerHTML={{ __html: html }}
        />
        <HighlightsList highlights={highlights} />
      </article>
    </section>
  );
}

function LeadImage({ url, blob }: { url: string; blob?: Blob }) {
  const src = useObjectUrl(blob);
  if (!src) return null;
  return (
    <figure className="reader-lead">
      <img src={src} alt="" data-original={url} />
    </figure>
  );
}
