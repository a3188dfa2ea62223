import { describe, expect, it } from 'vitest';
import { chooseTitle } from '@main/articles/choose-title';
import { extractArticle } from '@main/articles/extract-article';
import { importHtmlFile } from '@main/articles/import-html';

const NOW = Date.parse('2025-12-01T00:00:00Z');
const PARAGRAPHS = Array.from(
  { length: 6 },
  (_, i) =>
    `<p>Paragraph ${i + 1}. The harbour authority said on Tuesday that the old boatyards would reopen to visitors in spring, after a decade of repairs to the slipways and the sheds along the water.</p>`,
).join('\n');

/** A page as a browser saves it, with whatever head and heading the case needs. */
function savedPage(head: string, heading = ''): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">${head}</head>
<body><main><article>${heading}${PARAGRAPHS}</article></main></body></html>`;
}

const extract = (html: string, url: string) => extractArticle(html, { url, now: NOW });

describe('article titles from real saved pages', () => {
  it('takes a Wikipedia list’s name, not its JSON-LD “Wikimedia list article” headline', () => {
    const jsonLd = {
      '@context': 'https://schema.org',
      '@type': 'Article',
      name: 'List of lighthouses in Portugal',
      url: 'https://en.wikipedia.org/wiki/List_of_lighthouses_in_Portugal',
      author: { '@type': 'Organization', name: 'Contributors to Wikimedia projects' },
      headline: 'Wikimedia list article',
    };
    const html = savedPage(
      `<title>List of lighthouses in Portugal - Wikipedia</title>
<script type="application/ld+json">${JSON.stringify(jsonLd)}</script>`,
      '<h1>List of lighthouses in Portugal</h1>',
    );
    const article = extract(html, 'https://en.wikipedia.org/wiki/List_of_lighthouses_in_Portugal');
    expect(article.title).toBe('List of lighthouses in Portugal');
  });

  it('never takes a schema.org type for a title', () => {
    const jsonLd = { '@type': 'NewsArticle', headline: 'NewsArticle', name: 'NewsArticle' };
    const html = savedPage(
      `<script type="application/ld+json">${JSON.stringify(jsonLd)}</script>
<meta property="og:title" content="Article">`,
      '<h1>Boatyards reopen after a decade of repairs</h1>',
    );
    expect(extract(html, 'https://news.example.com/boatyards').title).toBe(
      'Boatyards reopen after a decade of repairs',
    );
  });

  it('takes the first heading, not the host, when a test page has no <title> (“fakehost”)', () => {
    // Readability takes a lone <h1> for a missing <title>, but not one of two.
    const html = savedPage('', '<h1>Boatyards reopen after a decade of repairs</h1>').replace(
      '</article>',
      '</article><h1>Related stories</h1>',
    );
    expect(extract(html, 'http://fakehost/test/page.html').title).toBe(
      'Boatyards reopen after a decade of repairs',
    );
  });

  it('falls back to the address’s last part, never to the host or an empty title', () => {
    const html = savedPage('<title>fakehost</title>');
    expect(extract(html, 'http://fakehost/test/old-boatyards-reopen.html').title).toBe(
      'old boatyards reopen',
    );
    expect(extract(savedPage(''), 'http://fakehost/').title).toBe('Untitled');
  });

  it('passes over titles that are the host or its domain', () => {
    const html = savedPage(
      '<meta property="og:title" content="www.harbournews.co.uk"><title>harbournews</title>',
      '<h1>Boatyards reopen</h1>',
    );
    expect(extract(html, 'https://www.harbournews.co.uk/a/1').title).toBe('Boatyards reopen');
  });

  it('titles an imported file without any title after the file, not after nothing', () => {
    const bytes = new TextEncoder().encode(savedPage(''));
    const article = importHtmlFile(bytes, {
      fileName: 'harbour_boatyards.html',
      extract: (html, { url }) => extract(html, url),
    });
    expect(article.title).toBe('harbour boatyards');
  });
});

describe('chooseTitle', () => {
  const url = 'https://www.dailymeridian.example/world/2025/tidal-pact';

  it('prefers a JSON-LD headline that agrees with the page, then og:title', () => {
    expect(
      chooseTitle({
        jsonLdHeadline: 'Nations sign tidal energy pact',
        ogTitle: 'Nations sign tidal energy pact at summit | The Daily Meridian',
        siteName: 'The Daily Meridian',
        url,
      }),
    ).toBe('Nations sign tidal energy pact');
    expect(
      chooseTitle({
        jsonLdHeadline: 'Wikimedia disambiguation page',
        ogTitle: 'Mercury - Wikipedia',
        siteName: 'Wikipedia',
        url: 'https://en.wikipedia.org/wiki/Mercury',
      }),
    ).toBe('Mercury');
  });

  it('reads entities a publisher wrote into its JSON-LD', () => {
    expect(chooseTitle({ jsonLdHeadline: 'Tom &amp; Jerry&#8217;s night out', url })).toBe(
      'Tom & Jerry’s night out',
    );
  });

  it('cuts the site suffix off <title>: a known name, or what the first heading confirms', () => {
    expect(
      chooseTitle({
        documentTitle: 'Tidal pact — The Daily Meridian',
        siteName: 'The Daily Meridian',
        url,
      }),
    ).toBe('Tidal pact');
    expect(chooseTitle({ documentTitle: 'Tidal pact · dailymeridian.example', url })).toBe(
      'Tidal pact',
    );
    expect(
      chooseTitle({
        documentTitle: 'Tidal pact | Meridian Daily',
        firstHeading: 'Tidal pact',
        url,
      }),
    ).toBe('Tidal pact');
    expect(chooseTitle({ documentTitle: 'Biden vs Trump - Round 2', url })).toBe(
      'Biden vs Trump - Round 2',
    );
  });

  it('keeps the site’s own name only when nothing else is left', () => {
    expect(
      chooseTitle({
        ogTitle: 'The Daily Meridian',
        firstHeading: 'Tidal pact',
        siteName: 'The Daily Meridian',
        url,
      }),
    ).toBe('Tidal pact');
    expect(
      chooseTitle({ ogTitle: 'The Daily Meridian', siteName: 'The Daily Meridian', url }),
    ).toBe('The Daily Meridian');
  });

  it('never answers with an empty title', () => {
    expect(chooseTitle({ ogTitle: '  ', documentTitle: '—', url: 'https://example.com/' })).toBe(
      'Untitled',
    );
    expect(chooseTitle({ url: 'https://example.com/news/index.html' })).toBe('Untitled');
    expect(chooseTitle({ url: 'file:///caf%C3%A9-notes.html' })).toBe('café notes');
  });
});
