import { describe, expect, it } from 'vitest';
import { getDb } from '@renderer/db/database';
import type { Article } from '@renderer/db/entities';
import type { ArticleSource } from '@renderer/db/queries';
import {
  HiddenViewButton,
  useHiddenRowNotes,
} from '@renderer/features/rules/components/hidden-view';
import { storedArticle } from '../../../db/fixtures';
import { click, getByRole, mount, queryAllByRole, waitFor } from '../../../support/dom';
import { emptyLibraryBetweenTests } from '../../../support/fresh-library';

emptyLibraryBetweenTests();

/** The article list's row slot as the app shell uses it, over some rows. */
function Rows({ articles }: { articles: Article[] }) {
  const notes = useHiddenRowNotes();
  return (
    <ul aria-label="Articles">
      {articles.map((article) => (
        <li key={article.id}>
          <span>{article.title}</span>
          {notes(article)}
        </li>
      ))}
    </ul>
  );
}

describe('the Hidden view', () => {
  it('is in the sidebar only once there is a rule or something hidden, with the count', async () => {
    const db = getDb();
    const chosen: ArticleSource[] = [];
    const { unmount } = mount(
      <HiddenViewButton selected={undefined} onSelect={(source) => chosen.push(source)} />,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(queryAllByRole(document.body, 'button')).toHaveLength(0);

    await db.rules.put({ id: 'r1', query: 'crypto', action: 'hide', createdAt: 1 });
    await waitFor(() => queryAllByRole(document.body, 'button', 'Hidden').length === 1, 'the view');
    await db.articles.bulkPut([
      storedArticle('f1|1', { hiddenAt: 5, hiddenBy: 'r1' }),
      storedArticle('f1|2', { hiddenAt: 6, hiddenBy: 'r1' }),
      storedArticle('f1|3'),
    ]);
    // Named "Hidden 2 articles" in a browser: the count's own label (this helper reads text only).
    await waitFor(
      () => document.querySelector('[aria-label="2 articles"]')?.textContent === '2',
      'the count',
    );
    click(getByRole(document.body, 'button', /^Hidden/));
    expect(chosen).toEqual([{ kind: 'hidden' }]);
    unmount();
  });

  it('names the rule under each hidden row, and "Show again" brings that one back', async () => {
    const db = getDb();
    await db.rules.put({ id: 'r1', query: 'crypto -bitcoin', action: 'hide', createdAt: 1 });
    const hidden = storedArticle('f1|1', { title: 'Crypto winter', hiddenAt: 5, hiddenBy: 'r1' });
    const shown = storedArticle('f1|2', { title: 'Gardening' });
    await db.articles.bulkPut([hidden, shown]);
    const { unmount } = mount(<Rows articles={[hidden, shown]} />);
    const items = () => queryAllByRole(document.body, 'listitem');
    await waitFor(() => /Hidden by rule: crypto -bitcoin/.test(items()[0]?.textContent ?? ''));
    // Nothing is added under a row that is not hidden.
    expect(items()[1]!.textContent).toBe('Gardening');
    expect(queryAllByRole(items()[1]!, 'button')).toHaveLength(0);

    click(getByRole(items()[0]!, 'button', 'Show again'));
    await expect
      .poll(async () => (await db.articles.get('f1|1'))?.hiddenAt, { timeout: 3000 })
      .toBeUndefined();
    // The rule stays, to go on hiding what arrives.
    expect(await db.rules.count()).toBe(1);
    unmount();
  });
});
