import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { restoreLibrary } from '@renderer/db/restore-repository';
import { getDb } from '@renderer/db/database';
import { ReaderPane } from '@renderer/features/reader/components/reader-pane';
import { storedArticle } from '../db/fixtures';

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

function backupFile(articles: unknown[]): Blob {
  return new Blob([
    JSON.stringify({
      formatName: 'dexie',
      formatVersion: 1,
      data: {
        databaseName: 'broadsheet',
        databaseVersion: 3,
        tables: [{ name: 'articles', schema: 'id', rowCount: articles.length }],
        data: [{ tableName: 'articles', inbound: true, rows: articles }],
      },
    }),
  ]);
}

async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) {
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
  }
}

describe('a restored library in the reader', () => {
  afterEach(async () => {
    await getDb().delete();
  });

  it('opens every restored article, the ones repaired too', async () => {
    globalThis.IS_REACT_ACT_ENVIRONMENT = true;
    // jsdom lays nothing out, so it has no ResizeObserver; the reader only follows late layout.
    globalThis.ResizeObserver ??= class {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
    await restoreLibrary(
      backupFile([
        { ...storedArticle('f1|a', { contentHtml: '<p>Body a</p>' }), authors: null },
        { ...storedArticle('f1|b', { contentHtml: '<p>Body b</p>' }), tags: null, images: null },
        storedArticle('f1|c', { url: 'javascript:alert(1)' }),
      ]),
    );
    const articles = await getDb().articles.toArray();
    expect(articles.map((a) => a.id)).toEqual(['f1|a', 'f1|b']);
    for (const article of articles) {
      const container = document.createElement('div');
      document.body.append(container);
      const root = createRoot(container);
      act(() => root.render(<ReaderPane articleId={article.id} online={false} />));
      await waitFor(() => container.querySelector('h1') !== null);
      expect(container.querySelector('h1')?.textContent).toBe(article.title);
      expect(container.textContent).toContain(`Body ${article.guid}`);
      act(() => root.unmount());
      container.remove();
    }
  });
});
