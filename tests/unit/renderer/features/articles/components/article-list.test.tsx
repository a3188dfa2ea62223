import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@renderer/db/database';
import { ArticleList } from '@renderer/features/articles/components/article-list';
import { switchLocale } from '@renderer/i18n/current-locale';
import { storedArticle, storedFeed } from '../../../db/fixtures';
import { mount, waitFor } from '../../../support/dom';
import { emptyLibraryBetweenTests } from '../../../support/fresh-library';

emptyLibraryBetweenTests();
// jsdom lays nothing out and has no scrolling: the list scrolls to its top on a new view, and
// renders the rows that fit its scroller's height.
Element.prototype.scrollTo ??= () => {};
Object.defineProperty(HTMLDivElement.prototype, 'clientHeight', {
  configurable: true,
  get(this: HTMLDivElement) {
    return this.classList.contains('article-list-scroller') ? 600 : 0;
  },
});

describe('the article list, in the language in use', () => {
  afterEach(() => act(() => switchLocale('en')));

  it('keeps its English words, and says them all in another language once switched', async () => {
    const db = getDb();
    const article = storedArticle('f1|a', {
      title: 'Storm over the bay',
      publishedAt: Date.now() - 3 * 3600e3,
      bookmarkedAt: 1,
      offline: 'complete',
      enclosures: [{ url: 'https://example.com/a.mp3', type: 'audio/mpeg' }],
    });
    await db.feeds.put(storedFeed('f1', { title: 'Harbour News' }));
    await db.articles.put(article);
    const { container, unmount } = mount(
      <ArticleList source={{ kind: 'all' }} articles={[article]} onOpen={() => {}} />,
    );
    const text = (selector: string) => container.querySelector(selector)?.textContent ?? '';
    const audio = () => container.querySelector('.article-row-media')?.getAttribute('aria-label');
    await waitFor(() => text('.article-list-count') !== '', 'the count');
    await waitFor(() => text('.article-row-meta').startsWith('Harbour News'), 'the row');
    expect(text('h2')).toBe('All articles');
    expect(text('.article-list-count')).toBe('1 article');
    expect(text('.article-row-meta')).toBe(
      'Harbour News · 3 hours ago · ★ Bookmarked · Offline · 🎧',
    );
    expect(audio()).toBe('Has audio');
    expect(container.querySelector('ul')?.getAttribute('aria-label')).toBe('Articles');

    await act(() => switchLocale('en-XA'));
    expect(text('h2')).toMatch(/^\[Áļļ áŕţíçļéš/);
    expect(text('.article-list-count')).toMatch(/^\[1 áŕţíçļé/);
    const meta = text('.article-row-meta');
    expect(meta).toMatch(/^Harbour News\[ · \S* ·/);
    expect(meta).toContain('Óƒƒļíñé');
    expect(meta).not.toMatch(/Bookmarked|Offline/);
    expect(audio()).toMatch(/^\[Ĥáš áúðíó/);
    expect(text('.article-list-controls')).not.toMatch(/Oldest|Unread|Mark all/);
    // Times are the interface language's (German's words, while its catalogue is still to come).
    await act(() => switchLocale('de'));
    expect(text('.article-row-meta')).toContain('Harbour News · vor 3 Stunden · ');
    unmount();
  });
});
