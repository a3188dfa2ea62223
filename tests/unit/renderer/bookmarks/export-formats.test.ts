import { describe, expect, it } from 'vitest';
import type { BookmarkRecord } from '../../../../src/renderer/lib/bookmarks/bookmark-record';
import { toMarkdown } from '../../../../src/renderer/lib/bookmarks/bookmarks-markdown';
import { toNetscapeHtml } from '../../../../src/renderer/lib/bookmarks/netscape-html';
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
