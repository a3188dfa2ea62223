import { describe, expect, it } from 'vitest';
import { createPageParser } from '@main/articles/parse-page';
import { countingWindows } from './counting-windows';

const small = (n: number) =>
  `<!DOCTYPE html><html><head><title>Page ${n}</title></head><body><p>Text ${n}</p></body></html>`;

describe('createPageParser: jsdom windows', () => {
  it('keeps one window open at most, for 16 pages each, and closes it on close()', () => {
    const { createWindow, counts } = countingWindows();
    const parser = createPageParser({ createWindow });
    for (let n = 0; n < 40; n++) {
      const document = parser.parse(small(n), `https://news.example/${n}`);
      // A selector query is what makes jsdom keep a document alive on its window.
      expect(document.querySelector('title')?.textContent).toBe(`Page ${n}`);
      parser.done();
      // A window that has parsed its 16 pages is closed as soon as the caller is done.
      expect(counts.open).toBe((n + 1) % 16 === 0 ? 0 : 1);
    }
    expect(counts.created).toBe(3);
    parser.close();
    expect(counts.open).toBe(0);
  });

  it('closes the window when the caller is done with a page that filled it, not at the next page', () => {
    const { createWindow, counts } = countingWindows();
    const parser = createPageParser({ createWindow, bytesPerWindow: 50_000 });
    parser.parse(small(1), 'https://news.example/1');
    parser.done();
    expect(counts.open).toBe(1); // small pages share a window
    const big = `<!DOCTYPE html><body>${'<p>A paragraph of a very long article.</p>'.repeat(2000)}</body>`;
    const document = parser.parse(big, 'https://news.example/big');
    expect(document.querySelectorAll('p')).toHaveLength(2000);
    parser.done();
    expect(counts.open).toBe(0);
    // The next page gets a new window.
    expect(parser.parse(small(2), 'https://news.example/2').title).toBe('Page 2');
    expect(counts).toEqual({ created: 2, open: 1 });
    parser.close();
  });

  it('resolves relative URLs against the page address, behind the page’s own base', () => {
    const parser = createPageParser();
    const document = parser.parse(
      '<!DOCTYPE html><head><base href="/section/"></head><body><a href="story">x</a></body>',
      'https://news.example/a/b',
    );
    expect(document.querySelector('a')?.href).toBe('https://news.example/section/story');
    parser.close();
  });
});
