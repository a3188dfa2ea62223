import { useCallback, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { Article, Feed } from '../db/entities';
import type { ArticleSource } from '../db/queries';
import { BookmarkDetails } from '../features/bookmarks/components/bookmark-details';
import { BookmarksSettings } from '../features/bookmarks/components/bookmarks-settings';
import { TagsSection } from '../features/bookmarks/components/tags-section';
import { AccountsSettings } from '../features/accounts/components/accounts-settings';
import { AccountsSyncNotice } from '../features/accounts/components/accounts-sync-notice';
import { MoveToAccount } from '../features/accounts/components/move-to-account';
import { ArticleList } from '../features/articles/components/article-list';
import { useArticles } from '../features/articles/hooks/use-articles';
import { StoryDetails } from '../features/articles/components/story-details';
import { OfflineBanner } from '../features/offline/components/offline-banner';
import { useOnline } from '../features/offline/hooks/use-online';
import { ReaderPane } from '../features/reader/components/reader-pane';
import { SourcesSidebar } from '../features/sources/components/sources-sidebar';
import { useFollowVanishedFeed } from '../features/sources/hooks/use-follow-vanished-feed';
import { AddFeedButton } from '../features/subscriptions/components/add-feed-dialog';
import { FeedOptions } from '../features/subscriptions/components/feed-options';
import { ExportOpmlButton } from '../features/subscriptions/components/opml-buttons';
import { RefusedLinksDialog } from '../features/subscriptions/components/refused-links-dialog';
import { useDeepLinks } from '../features/subscriptions/hooks/use-deep-links';
import { ImportButton } from '../features/import/components/import-button';
import { SaveUrlButton } from '../features/import/components/save-url-dialog';
import { WelcomePanel } from '../features/onboarding/components/welcome-panel';
import { useFirstRun, useShowWelcome } from '../features/onboarding/hooks/use-first-run';
import { ReaderStyleButton } from '../features/settings/components/reader-style-button';
import { SettingsButton } from '../features/settings/components/settings-dialog';
import { useApplyReaderStyle } from '../features/settings/hooks/use-reader-style';
import { StorageErrorBanner } from '../features/settings/components/storage-error-banner';
import { UpdateReadyBanner } from '../features/settings/components/update-ready-banner';
import { useDesktopUpkeep } from '../features/settings/hooks/use-desktop';
import { SyncStatus } from '../features/sync/components/sync-status';
import { useArticleNotices } from '../features/sync/hooks/use-article-notices';
import { HiddenViewButton, useHiddenRowNotes } from '../features/rules/components/hidden-view';
import {
  HighlightsNavButton,
  HighlightsView,
} from '../features/highlights/components/highlights-view';
import { RulesSettings } from '../features/rules/components/rules-settings';
import { useRulesUpkeep } from '../features/rules/hooks/use-rules';
import { SavedSearches } from '../features/search/components/saved-searches';
import { SearchBox } from '../features/search/components/search-box';
import { SearchIndexSettings } from '../features/search/components/search-index-settings';
import { SearchResults } from '../features/search/components/search-results';
import { useIndexStatus } from '../features/search/hooks/use-index-status';
import { matchedWords } from '../features/search/hooks/matched-words';
import { useSearch } from '../features/search/hooks/use-search';
import { useSearchIndexUpkeep } from '../features/search/hooks/use-search-upkeep';
import { Splitter } from '../features/layout/components/splitter';
import {
  DEFAULT_PANE_WIDTHS,
  PANE_LIMITS,
  fitPanes,
  usePaneWidths,
} from '../features/layout/hooks/use-pane-widths';
import { NARROW_BREAKPOINT, useWindowWidth } from '../features/layout/hooks/use-window-width';
import { BackButton } from './back-button';
import { ShortcutsDialog } from './shortcuts-dialog';
import { useNarrowPanes } from './use-narrow-panes';
import { useKeyboardShortcuts } from './use-keyboard-shortcuts';
import { useT } from '../i18n/use-t';

export function App() {
  const t = useT();
  const [source, setSource] = useState<ArticleSource>({ kind: 'all' });
  const [articleId, setArticleId] = useState<string>();
  // The words to show in the article, when it was opened from a search result.
  const [searchTerms, setSearchTerms] = useState<readonly string[]>();
  // The Highlights view lists highlights, not a source's articles: it stands in for the list.
  const [showHighlights, setShowHighlights] = useState(false);
  const online = useOnline();
  const articles = useArticles(source);
  const helpRef = useRef<HTMLDialogElement>(null);
  useApplyReaderStyle();
  useFirstRun();
  const showWelcome = useShowWelcome();
  useSearchIndexUpkeep();
  useRulesUpkeep();
  useDesktopUpkeep();
  const hiddenRowNotes = useHiddenRowNotes();
  // Links and files the system asked us to open: Add feed, the import, or why not.
  const links = useDeepLinks();
  const search = useSearch();
  const searchIndex = useIndexStatus();
  const { clear: clearSearch } = search;
  // While searching, the keyboard walks the results instead of the view.
  const resultArticles = useMemo(() => search.rows.map((row) => row.article), [search.rows]);
  const listed = search.active ? resultArticles : articles;

  const windowWidth = useWindowWidth();
  const narrow = windowWidth < NARROW_BREAKPOINT;
  const panes = useNarrowPanes(narrow, articleId !== undefined || showWelcome);
  const { widths, preview, commit } = usePaneWidths();
  const fit = fitPanes(widths, windowWidth);
  const { go } = panes;

  const selectSource = useCallback(
    (next: ArticleSource) => {
      clearSearch();
      setShowHighlights(false);
      setSource(next);
      setArticleId(undefined);
      go('articles');
    },
    [clearSearch, go],
  );
  const selectHighlights = useCallback(() => {
    clearSearch();
    setShowHighlights(true);
    setArticleId(undefined);
    go('articles');
  }, [clearSearch, go]);
  const openArticle = useCallback(
    (id: string, terms?: readonly string[]) => {
      setArticleId(id);
      setSearchTerms(terms);
      go('reader');
    },
    [go],
  );
  useArticleNotices(openArticle);
  // The feed on show went (merged into an account's copy, unsubscribed elsewhere): show where
  // it went, without moving the reader between panes.
  const followFeed = useCallback((next: ArticleSource) => {
    setSource(next);
    setArticleId(undefined);
  }, []);
  useFollowVanishedFeed(source, followFeed);
  const onSubscribed = useCallback(
    (feed: Feed) => selectSource({ kind: 'feed', feedId: feed.id }),
    [selectSource],
  );
  const renderFeedActions = useCallback(
    (feed: Feed) => (
      <FeedOptions
        feed={feed}
        onUnsubscribed={() => {
          if (source.kind === 'feed' && source.feedId === feed.id) selectSource({ kind: 'all' });
        }}
        more={<MoveToAccount feed={feed} />}
      />
    ),
    [source, selectSource],
  );

  const onTagRenamed = useCallback(
    (from: string, to: string) => {
      if (source.kind === 'tag' && source.tag === from) setSource({ kind: 'tag', tag: to });
    },
    [source],
  );
  const onTagDeleted = useCallback(
    (tag: string) => {
      if (source.kind === 'tag' && source.tag === tag) selectSource({ kind: 'bookmarks' });
    },
    [source, selectSource],
  );
  const renderDetails = useCallback(
    (article: Article) => (
      <>
        <StoryDetails key={`story-${article.id}`} article={article} />
        <BookmarkDetails key={article.id} article={article} />
      </>
    ),
    [],
  );

  useKeyboardShortcuts({
    source,
    articles: listed,
    selectedId: articleId,
    open: openArticle,
    selectSource,
    back: panes.back,
    showHelp: () => helpRef.current?.showModal(),
    focusSearch: () =>
      document.querySelector<HTMLElement>('[role="searchbox"], input[type="search"]')?.focus(),
    readerScroller: () => document.querySelector<HTMLElement>('.reader-pane'),
    readerButton: (name) =>
      document.querySelector<HTMLButtonElement>(`.reader-pane button[data-shortcut="${name}"]`),
  });

  return (
    <div className="app-frame">
      <ShortcutsDialog ref={helpRef} />
      <OfflineBanner online={online} />
      <StorageErrorBanner />
      <UpdateReadyBanner />
      <div
        className="app"
        data-layout={narrow ? 'narrow' : 'wide'}
        data-pane={narrow ? panes.pane : undefined}
        style={
          {
            '--sidebar-width': `${fit.sidebar}px`,
            '--list-width': `${fit.list}px`,
          } as CSSProperties
        }
      >
        <div className="pane pane-sources" data-pane="sources">
          <SourcesSidebar
            selected={search.active || showHighlights ? undefined : source}
            onSelect={selectSource}
            sections={
              <>
                <HighlightsNavButton
                  current={showHighlights && !search.active}
                  onSelect={selectHighlights}
                />
                <HiddenViewButton
                  selected={search.active ? undefined : source}
                  onSelect={selectSource}
                />
                <SavedSearches
                  current={search.active ? search : undefined}
                  onRun={(saved) => {
                    search.run(saved.query, saved.sort);
                    setArticleId(undefined);
                    go('articles');
                  }}
                />
                <TagsSection
                  selected={search.active ? undefined : source}
                  onSelect={selectSource}
                  onRenamed={onTagRenamed}
                  onDeleted={onTagDeleted}
                />
              </>
            }
            actions={
              <>
                <AddFeedButton
                  onSubscribed={onSubscribed}
                  online={online}
                  request={links.subscribe}
                />
                <ImportButton request={links.opml} />
                <RefusedLinksDialog refused={links.refused} onDismiss={links.dismissRefused} />
                <SaveUrlButton online={online} onSaved={() => selectSource({ kind: 'saved' })} />
              </>
            }
            footer={
              <>
                <SyncStatus online={online} accounts={<AccountsSyncNotice />} />
                <div className="sidebar-footer-actions">
                  <ExportOpmlButton />
                  <SettingsButton
                    sections={
                      <>
                        <AccountsSettings />
                        <BookmarksSettings />
                        <RulesSettings />
                        <SearchIndexSettings />
                      </>
                    }
                  />
                </div>
              </>
            }
            renderFeedActions={renderFeedActions}
          />
        </div>
        {!narrow && (
          <Splitter
            label={t('app.panes.resizeSources')}
            value={fit.sidebar}
            min={PANE_LIMITS.sidebar.min}
            max={fit.sidebarMax}
            onPreview={(sidebar) => preview({ ...widths, sidebar })}
            onCommit={(sidebar) => commit({ ...widths, sidebar })}
            onReset={() => commit({ ...widths, sidebar: DEFAULT_PANE_WIDTHS.sidebar })}
          />
        )}
        <main className="content">
          <div className="pane pane-articles list-column" data-pane="articles">
            {narrow && search.active && <BackButton to="sources" onClick={panes.back} />}
            <SearchBox
              search={search}
              onOpenFirst={() => {
                const first = search.rows[0]?.articleId;
                if (first && !search.rows.some((row) => row.articleId === articleId))
                  openArticle(first);
              }}
            />
            {search.active ? (
              <SearchResults
                search={search}
                index={searchIndex}
                selectedId={articleId}
                onOpen={(id) =>
                  openArticle(
                    id,
                    matchedWords(
                      search.rows.find((row) => row.articleId === id),
                      search.answer?.query ?? search.query,
                    ),
                  )
                }
              />
            ) : showHighlights ? (
              <HighlightsView selectedId={articleId} onOpen={openArticle} />
            ) : (
              <ArticleList
                source={source}
                articles={articles}
                selectedId={articleId}
                onOpen={openArticle}
                navigation={narrow && <BackButton to="sources" onClick={panes.back} />}
                renderRowExtra={hiddenRowNotes}
              />
            )}
          </div>
          {!narrow && (
            <Splitter
              label={t('app.panes.resizeList')}
              value={fit.list}
              min={PANE_LIMITS.list.min}
              max={fit.listMax}
              onPreview={(list) => preview({ ...widths, list })}
              onCommit={(list) => commit({ ...widths, list })}
              onReset={() => commit({ ...widths, list: DEFAULT_PANE_WIDTHS.list })}
            />
          )}
          <div className="pane pane-reader" data-pane="reader">
            <ReaderPane
              articleId={articleId}
              online={online}
              placeholder={showWelcome ? <WelcomePanel /> : undefined}
              actions={<ReaderStyleButton />}
              renderDetails={renderDetails}
              navigation={narrow && <BackButton to="articles" onClick={panes.back} />}
              searchTerms={searchTerms}
            />
          </div>
        </main>
      </div>
    </div>
  );
}
