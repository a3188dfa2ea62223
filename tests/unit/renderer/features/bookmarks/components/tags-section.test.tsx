import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@renderer/db/database';
import { TagsSection } from '@renderer/features/bookmarks/components/tags-section';
import { switchLocale, translate } from '@renderer/i18n/current-locale';
import { storedArticle } from '../../../db/fixtures';
import { mount, queryAllByRole, waitFor } from '../../../support/dom';
import { emptyLibraryBetweenTests } from '../../../support/fresh-library';

emptyLibraryBetweenTests();

const names = () =>
  [...document.querySelectorAll('.source-title')].map((title) => title.textContent ?? '');

describe('the sidebar’s Tags', () => {
  afterEach(() => act(() => switchLocale('en')));

  it('are in the order of names in the interface’s language, with their counts', async () => {
    const db = getDb();
    // 安 (ān), 北 (běi), 中 (zhōng): in Chinese by their pinyin, not by code point.
    await db.articles.bulkPut([
      storedArticle('f1|1', { bookmarkedAt: 1, tags: ['中', '北'] }),
      storedArticle('f1|2', { bookmarkedAt: 1, tags: ['安', '中'] }),
    ]);
    await act(() => switchLocale('zh-CN'));
    const { unmount } = mount(
      <TagsSection
        selected={undefined}
        onSelect={() => {}}
        onRenamed={() => {}}
        onDeleted={() => {}}
      />,
    );
    await waitFor(() => names().length === 3, 'the tags');
    expect(names()).toEqual(['安', '北', '中']);
    const twoArticles = translate('tags.section.count', { count: 2 });
    expect(twoArticles).not.toBe('2 articles');
    expect(document.querySelector(`[aria-label="${twoArticles}"]`)?.textContent).toBe('2');

    await act(() => switchLocale('en'));
    expect(names()).toEqual(['中', '北', '安']);
    expect(queryAllByRole(document.body, 'button', 'Rename tag 中')).toHaveLength(1);
    unmount();
  });
});
