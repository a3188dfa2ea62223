import { act, useRef } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@renderer/db/database';
import { HighlightsList } from '@renderer/features/reader/components/highlights-list';
import { useHighlights } from '@renderer/features/reader/hooks/use-highlights';
import { switchLocale } from '@renderer/i18n/current-locale';
import { HighlightButton } from '@renderer/features/reader/components/highlight-button';
import { storedArticle } from '../../../db/fixtures';
import { mount, waitFor } from '../../../support/dom';
import { emptyLibraryBetweenTests } from '../../../support/fresh-library';

emptyLibraryBetweenTests();

/** The reader's content and its highlights, as reader-pane.tsx wires them. */
function Reader({ html }: { html: string }) {
  const contentRef = useRef<HTMLDivElement>(null);
  const highlights = useHighlights('f1|a', contentRef, html);
  return (
    <article>
      <HighlightButton highlights={highlights} />
      <div ref={contentRef} className="reader-content" dangerouslySetInnerHTML={{ __html: html }} />
      <HighlightsList highlights={highlights} />
    </article>
  );
}

describe('highlights in the reader', () => {
  it('marks the passages still there and lists a vanished one, with its note, as no longer in the article', async () => {
    const db = getDb();
    await db.articles.put(storedArticle('f1|a', { bookmarkedAt: 1 }));
    await db.highlights.bulkPut([
      {
        id: 'kept',
        articleId: 'f1|a',
        quote: 'the storm',
        prefix: 'expected ',
        suffix: '.',
        createdAt: 1,
        updatedAt: 1,
      },
      {
        id: 'gone',
        articleId: 'f1|a',
        quote: 'a sentence the refresh rewrote',
        prefix: '',
        suffix: '',
        note: 'Keep this thought',
        createdAt: 2,
        updatedAt: 2,
      },
    ]);
    const { unmount } = mount(<Reader html="<p>Nobody expected <em>the storm</em>.</p>" />);
    await waitFor(() => document.querySelectorAll('li.reader-highlight').length === 2, 'the list');
    await waitFor(() => document.querySelector('mark') !== null, 'the mark');
    const marks = [...document.querySelectorAll('.reader-content mark')];
    expect(marks.map((m) => [m.textContent, (m as HTMLElement).dataset.highlightId])).toEqual([
      ['the storm', 'kept'],
    ]);
    const gone = document.querySelector('li[data-highlight-id="gone"]')!;
    expect(gone.textContent).toContain('This passage is no longer in the article.');
    expect(gone.querySelector('textarea')!.value).toBe('Keep this thought');
    const kept = document.querySelector('li[data-highlight-id="kept"]')!;
    expect(kept.textContent).not.toContain('no longer in the article');
    // The stored article is untouched: marks live in the page only.
    expect((await db.articles.get('f1|a'))?.contentHtml).toBeUndefined();
    unmount();
  });
});

describe('highlights in the reader, in the language in use', () => {
  afterEach(() => act(() => switchLocale('en')));

  it('says a refusal in the language on screen now, not the one it was made in', async () => {
    // No stored article: highlighting is refused (the article is no longer stored).
    const { unmount } = mount(<Reader html="<p>Nobody expected the storm.</p>" />);
    await act(() => switchLocale('en-XA'));
    const text = document.querySelector('.reader-content p')!.firstChild!;
    const range = document.createRange();
    range.setStart(text, 'Nobody expected '.length);
    range.setEnd(text, 'Nobody expected the storm'.length);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
    act(() => void document.dispatchEvent(new Event('selectionchange')));
    const button = () => document.querySelector<HTMLButtonElement>('[data-action="highlight"]')!;
    await waitFor(() => !button().disabled, 'the Highlight button');
    expect(button().textContent).toMatch(/^\[Ĥíĝĥļíĝĥţ/);
    act(() => button().click());
    const alert = () => document.querySelector('[role="alert"]')?.textContent ?? '';
    await waitFor(() => alert() !== '', 'the refusal');
    expect(alert()).toMatch(/^\[Ţĥíš áŕţíçļé íš ñó ļóñĝéŕ šţóŕéð\./);
    await act(() => switchLocale('en'));
    expect(alert()).toBe('This article is no longer stored.');
    expect(button().textContent).toBe('Highlight');
    unmount();
  });
});
