import { describe, expect, it } from 'vitest';
import type { BookmarkRecord } from '@renderer/lib/bookmarks/bookmark-record';
import {
  articleMarkdown,
  toArticleMarkdownFiles,
} from '@renderer/lib/bookmarks/highlights-markdown';

const record = (extra: Partial<BookmarkRecord> = {}): BookmarkRecord => ({
  id: 'f|1',
  url: 'https://example.com/story',
  title: 'The ferry: leaves "earlier"',
  source: 'Harbour Gazette',
  publishedAt: Date.UTC(2026, 10, 20, 8),
  bookmarkedAt: Date.UTC(2026, 10, 26, 8),
  tags: ['climate policy', 'ferries'],
  note: 'Why I kept it',
  highlights: [
    {
      quote: 'The ferry leaves *earlier* <b>from</b> Monday',
      prefix: '',
      suffix: '.',
      note: 'See [timetable](javascript:alert(1)) and <script>x</script>',
      createdAt: 1,
    },
    { quote: 'A second passage', prefix: '', suffix: '', note: '', createdAt: 2 },
  ],
  ...extra,
});

/** The YAML front matter as key → raw value (what Obsidian and Logseq read as properties). */
function frontMatter(text: string): Map<string, string> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  expect(match).not.toBeNull();
  return new Map(
    match![1]!.split('\n').map((line) => {
      const at = line.indexOf(': ');
      return [line.slice(0, at), line.slice(at + 2)] as [string, string];
    }),
  );
}

describe('Markdown files with highlights', () => {
  it('writes front matter, the title, the note and each highlight as a quote with its note', () => {
    const text = articleMarkdown(record());
    const props = frontMatter(text);
    expect(JSON.parse(props.get('title')!)).toBe('The ferry: leaves "earlier"');
    expect(JSON.parse(props.get('source')!)).toBe('Harbour Gazette');
    expect(JSON.parse(props.get('url')!)).toBe('https://example.com/story');
    expect(props.get('published')).toBe('2026-11-20');
    expect(props.get('bookmarked')).toBe('2026-11-26');
    expect(JSON.parse(props.get('tags')!)).toEqual(['climate-policy', 'ferries']);
    const body = text.slice(text.indexOf('---\n', 4) + 4);
    expect(body).toContain('# The ferry: leaves "earlier"');
    expect(body).toContain('Why I kept it');
    expect(body).toContain('## Highlights');
    // The quote is article text: escaped so it stays text.
    expect(body).toContain('> The ferry leaves \\*earlier\\* \\<b\\>from\\</b\\> Monday');
    // The note keeps its Markdown but no raw HTML and no javascript: link.
    expect(body).not.toContain('<script>');
    expect(body).not.toContain('](javascript:');
    expect(body).toContain('> A second passage');
  });

  it('leaves out a non-web address and names files safely and uniquely', () => {
    const text = articleMarkdown(record({ url: 'javascript:alert(1)', highlights: [] }));
    expect(frontMatter(text).has('url')).toBe(false);
    expect(text).not.toContain('## Highlights');
    const files = toArticleMarkdownFiles([
      record({ title: 'A/B: what? <now>' }),
      record({ title: 'a/b: WHAT? <now>' }),
      record({ title: '   ', url: null }),
      record({ title: 'CON' }),
    ]);
    expect(files.map((f) => f.name)).toEqual([
      'A B what now.md',
      'a b WHAT now (2).md',
      'Untitled.md',
      'CON (article).md',
    ]);
  });
});
