import { describe, expect, it } from 'vitest';
import { htmlToText } from '@search-engine/core/html-text';
import { hasRealFeeds, loadRealFeeds } from './real-feeds-corpus';

/** The plain definition: tags out, entities decoded, every whitespace run one space. */
function reference(html: string): string {
  const text = html
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&nbsp;/g, ' ');
  return text.replace(/\s+/g, ' ').trim();
}

describe('htmlToText', () => {
  it('drops tags, scripts and comments and collapses every kind of whitespace', () => {
    expect(
      htmlToText(
        '<p>One&nbsp;two\t\tthree</p><script>x()</script><!-- c -->\n<p>four \u00a0\r\nfive</p>',
      ),
    ).toBe('One two three four five');
    expect(htmlToText('  plain\ttext\n with  spaces  ')).toBe('plain text with spaces');
    expect(htmlToText('a\u2003b\u3000c')).toBe('a b c');
  });

  // Reads the whole corpus: seconds alone, far more on a loaded machine.
  it.runIf(hasRealFeeds())(
    'gives what /\\s+/ collapsing gives, over every real-feeds item',
    { timeout: 120_000 },
    () => {
      let compared = 0;
      for (const feed of loadRealFeeds())
        for (const item of feed.items) {
          const html = item.contentHtml ?? item.summary ?? '';
          if (/&(?!amp;|nbsp;)/.test(html)) continue;
          expect(htmlToText(html)).toBe(reference(html));
          compared++;
        }
      expect(compared).toBeGreaterThan(2_000);
    },
  );
});
