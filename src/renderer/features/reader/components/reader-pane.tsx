import { useMemo, useRef, type ReactNode } from 'react';
import type { Article } from '../../../db/entities';
import { errorText } from '../../../i18n/localized-error';
import { useT } from '../../../i18n/use-t';
import { detachImageSources } from '../../../lib/article-images';
import { fullDate } from '../../../lib/format';
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
      <section className="reader-pane" aria-label="Reader">
        {navigation}
        {placeholder}
      </section>
    );
  }
  if (!articleId || article === undefined) {
    return (
      <section className="reader-pane reader-empty" aria-label="Reader">
        {navigation}
        <p>
          {articleId ? 'This article is no longer stored.' : 'Choose an article to read it here.'}
        </p>
      </section>
    );
  }
  if (article === null)
    return (
      <section className="reader-pane" aria-label="Reader" aria-busy="true">
        {navigation}
      </section>
    );

  const source = article.savedAt
    ? (article.siteName ?? 'Saved')
    : (feed?.customTitle ?? feed?.title);
  const authors = article.authors.length > 0 ? article.authors.join(', ') : article.byline;
  const leadStored =
    article.leadImageUrl &&
    images?.find((i) => i.url === article.leadImageUrl && i.status === 'ok');
  const fetchingText = article.fullText === 'pending';

  return (
    <section ref={scrollerRef} className="reader-pane" aria-label="Reader">
      {navigation}
      <article
        className="reader"
        data-article-id={article.id}
        lang={article.lang ?? feed?.language}
        dir={article.dir}
      >
        <header className="reader-header">
          <p className="reader-source">
            {source}
            {article.section ? ` · ${article.section}` : ''}
          </p>
          <h1>{article.title}</h1>
          <p className="reader-meta">
            {authors && <span>By {authors} · </span>}
            <time dateTime={new Date(article.publishedAt).toISOString()}>
              {fullDate(article.publishedAt)}
            </time>
            {article.readingMinutes ? <span> · {article.readingMinutes} min read</span> : null}
            {' · '}
            <OfflineBadge article={article} />
          </p>
          <div className="reader-actions">
            <button
              type="button"
              className="button"
              aria-pressed={article.bookmarkedAt !== undefined}
              onClick={() => toggleBookmark(article)}
            >
              <span aria-hidden="true">{article.bookmarkedAt !== undefined ? '★' : '☆'}</span>{' '}
              Bookmark
            </button>
            <button type="button" className="button" onClick={() => toggleRead(article)}>
              {article.unread ? 'Mark as read' : 'Mark as unread'}
            </button>
            {article.url && (
              <a className="button" href={article.url} target="_blank" rel="noopener noreferrer">
                Open original
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
                {fetchingText ? 'Fetching full article…' : 'Fetch full article'}
              </button>
            )}
            <ListenControls
              contentRef={contentRef}
              html={html}
              lang={article.lang ?? feed?.language}
            />
            <FindInArticle {...{ contentRef, scrollerRef, html, searchTerms }} />
            <HighlightButton highlights={highlights} />
            {actions}
          </div>
          {renderDetails?.(article)}
          {!online && (
            <p id="needs-network" className="reader-note">
              Fetching the full article needs a network connection.
            </p>
          )}
          {article.fullText === 'failed' && article.fullTextError && (
            <p className="reader-note" role="status">
              Could not fetch the full article:{' '}
              {errorText({ message: article.fullTextError, text: article.fullTextErrorText }, t)}
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
