import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { switchLocale } from '@renderer/i18n/current-locale';
import type { BookmarkRecord } from '@renderer/lib/bookmarks/bookmark-record';
import { toMarkdown } from '@renderer/lib/bookmarks/bookmarks-markdown';
import { toNetscapeHtml } from '@renderer/lib/bookmarks/netscape-html';
import { readLikeChromium } from './netscape-reader';

const EXPORTED = Date.UTC(2026, 10, 27, 21, 0, 0);
const HOSTILE = `<script>alert("x")</script> Tom & Jerry's "best" </A> <DT><A HREF="https://evil.example/">`;

const bookmarks: BookmarkRecord[] = [
  {
    id: 'f1|a',
    url: 'https://news.example/a?x=1&y="2"',
    title: HOSTILE,
    source: 'The <Daily> & Co',
    publishedAt: Date.UTC(2026, 10, 20),
    bookmarkedAt: Date.UTC(2026, 10, 26, 8, 30, 15, 999),
    tags: ['climate', 'Q&A "live"'],
    note: 'Line one <b>bold</b>\n</DL>\n<DT><A HREF="https://evil.example/">x</A>',
  },
  {
    id: 'f1|b',
    url: 'https://news.example/b_(c)',
    title: 'Multi\nline   title',
    source: 'Feed',
    publishedAt: Date.UTC(2026, 9, 1),
    bookmarkedAt: Date.UTC(2026, 10, 25),
    tags: [],
    note: '',
  },
  {
    id: 'saved|file:notes.md:Notes',
    url: null,
    title: 'From a file',
    source: 'Saved',
    publishedAt: Date.UTC(2026, 9, 2),
    bookmarkedAt: Date.UTC(2026, 10, 24),
    tags: ['local'],
    note: '',
  },
  {
    url: 'javascript:alert(1)',
    title: 'Not a web page',
    source: 'Feed',
    publishedAt: 0,
    bookmarkedAt: Date.UTC(2026, 10, 23),
    tags: [],
    note: '',
  },
];

describe('Netscape bookmark HTML', () => {
  const html = toNetscapeHtml(bookmarks, EXPORTED);

  it('has the header browsers look for', () => {
    const lines = html.split('\n');
    expect(lines[0]).toBe('<!DOCTYPE NETSCAPE-Bookmark-file-1>');
    expect(lines).toContain('<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">');
    expect(lines).toContain('<TITLE>Bookmarks</TITLE>');
    expect(lines).toContain('<H1>Bookmarks</H1>');
  });

  it('reads back through Chromium’s line-based importer: one A per web bookmark, escaped', () => {
    const read = readLikeChromium(html);
    expect(read.problems).toEqual([]);
    expect(read.charset).toBe('UTF-8');
    // No bookmark for the file-only article or the javascript: address; none smuggled in.
    expect(read.bookmarks).toEqual([
      {
        title: HOSTILE,
        href: 'https://news.example/a?x=1&y="2"',
        addDate: Math.floor(Date.UTC(2026, 10, 26, 8, 30, 15) / 1000),
        tags: 'climate,Q&amp;A &quot;live&quot;',
        path: ['Broadsheet'],
      },
      {
        title: 'Multi line title',
        href: 'https://news.example/b_(c)',
        addDate: Date.UTC(2026, 10, 25) / 1000,
        tags: undefined,
        path: ['Broadsheet'],
      },
    ]);
    expect(html).not.toContain('<script>');
    expect(html).not.toMatch(/javascript:/i);
  });

  it('parses as HTML into DL > DT > A, with the note as the DD after its link', () => {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    expect(doc.doctype?.name.toLowerCase()).toBe('netscape-bookmark-file-1');
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    const links = [...doc.querySelectorAll('dl dl dt > a')];
    expect(links.map((a) => a.textContent)).toEqual([HOSTILE, 'Multi line title']);
    expect(doc.querySelectorAll('a')).toHaveLength(2);
    expect(links[0]!.getAttribute('tags')).toBe('climate,Q&A "live"');
    expect(links[0]!.getAttribute('add_date')).toMatch(/^\d+$/);
    expect(doc.querySelector('h3')?.textContent).toBe('Broadsheet');
    const dd = doc.querySelector('dd');
    expect(dd?.textContent?.trim()).toBe(bookmarks[0]!.note);
    expect(dd?.querySelector('b')).toBeNull();
  });
});

describe('Markdown export', () => {
  const markdown = toMarkdown(bookmarks, EXPORTED);

  it('is worded in the interface language, its dates left ISO', async () => {
    await switchLocale('en-XA');
    try {
      const pseudo = toMarkdown(bookmarks, EXPORTED);
      expect(pseudo).not.toContain('Broadsheet bookmarks');
      expect(pseudo).not.toContain('Exported');
      expect(pseudo).toContain('2026-11-27');
    } finally {
      await switchLocale('en');
    }
  });

  it('lists each bookmark as a linked title with source, date, tags and quoted note', () => {
    expect(
      markdown.startsWith('# Broadsheet bookmarks\n\nExported 2026-11-27 · 4 bookmarks\n'),
    ).toBe(true);
    expect(markdown).toContain(
      '- [Multi line title](https://news.example/b_%28c%29) — Feed · 2026-10-01',
    );
    expect(markdown).toContain('- From a file — Saved · 2026-10-02\n  Tags: local');
    // No link for a non-web address.
    expect(markdown).toContain('- Not a web page — Feed · 1970-01-01');
    expect(markdown).not.toContain('](javascript:');
  });

  it('escapes titles so they stay text, and keeps notes from carrying raw HTML', () => {
    const line = markdown.split('\n').find((l) => l.startsWith('- [') && l.includes('alert'))!;
    expect(line).toContain('\\<script\\>alert\\("x"\\)\\</script\\>');
    expect(line).toContain('Tom &amp; Jerry');
    expect(line).toContain('— The \\<Daily\\> &amp; Co · 2026-11-20');
    expect(markdown).toContain('  > Line one &lt;b>bold&lt;/b>');
    expect(markdown).not.toMatch(/<script>|<b>/);
  });
});

describe('Markdown export of hostile notes and addresses', () => {
  const note = [
    'Inline [x](javascript:alert(1)) and [spaced]( javascript:alert(2)) and',
    '[split](',
    'javascript:alert(3)) and ![pic](data:image/png;base64,AAAA) and',
    '[page](data:text/html;base64,PHNjcmlwdD4=) and [rel](/etc/passwd) and',
    '[ent](javascript&#58;alert(4)) and [angle](<javascript:alert(5)>) and',
    '<javascript:alert(6)> and <a href="javascript:alert(7)">a</a>',
    '',
    '[ref]: javascript:alert(8)',
    '- [listed]: javascript:alert(9)',
    '',
    'Use [ref] and [listed] and \\[odd]: javascript:alert(10) [odd]',
    '',
    'Fine: [web](https://ok.example/a) [mail](mailto:me@example.com) <https://auto.example/>',
  ].join('\n');
  const url = 'https://news.example/a b/(c)/<d>/[e]?q=x y&lt;z&amp=1#f)g';
  const record: BookmarkRecord = {
    id: 'f1|h',
    url,
    title: 'Hostile [title](javascript:alert(11))',
    source: 'Feed',
    publishedAt: Date.UTC(2026, 10, 1),
    bookmarkedAt: Date.UTC(2026, 10, 2),
    tags: [],
    note,
  };
  const markdown = toMarkdown([record], EXPORTED);
  const doc = new DOMParser().parseFromString(
    marked.parse(markdown, { async: false }),
    'text/html',
  );
  const targets = [...doc.querySelectorAll('[href], [src]')].map(
    (el) => el.getAttribute('href') ?? el.getAttribute('src') ?? '',
  );

  it('keeps only http(s) and mailto links; every other target becomes text', () => {
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) expect(target).toMatch(/^(https?:|mailto:)/);
    expect(doc.querySelectorAll('img')).toHaveLength(0);
    expect(targets).toEqual(
      expect.arrayContaining(['https://ok.example/a', 'mailto:me@example.com']),
    );
    // The refused links are still there to read, as text.
    const text = doc.body.textContent ?? '';
    expect(text).toContain('[x](javascript:alert(1))');
    expect(text).toContain('![pic](data:image/png;base64,AAAA)');
    expect(text).toContain('[ref]: javascript:alert(8)');
    expect(markdown).not.toMatch(/\]\(\s*(javascript|data):/i);
  });

  it('writes an address with spaces, parentheses, brackets and entities so it reads back whole', () => {
    const title = [...doc.querySelectorAll('li > a, li > p > a')].find((a) =>
      a.textContent?.startsWith('Hostile'),
    );
    expect(title?.textContent).toBe('Hostile [title](javascript:alert(11))');
    const href = new URL(title!.getAttribute('href')!);
    // The same address, with only characters Markdown would misread percent-encoded.
    const encoded = (c: string) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`;
    expect(href.href).toBe(new URL(url).href.replace(/[()[\]]/g, encoded));
    expect(decodeURIComponent(href.pathname)).toBe('/a b/(c)/<d>/[e]');
    // `&lt;` in the address stays those four characters, not a `<`.
    expect([...href.searchParams]).toEqual([
      ['q', 'x y'],
      ['lt;z', ''],
      ['amp', '1'],
    ]);
    expect(decodeURIComponent(href.hash)).toBe('#f)g');
  });
});
