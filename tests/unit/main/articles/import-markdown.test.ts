import { describe, expect, it } from 'vitest';
import { importMarkdown } from '../../../../src/main/articles/import-markdown';
import { AppError } from '../../../../src/shared/result';

const para =
  'South Korean President Lee Jae Myung on Saturday held his first full-fledged summit with Japanese Prime Minister Shigeru Ishiba in Tokyo.';

describe('importMarkdown', () => {
  it('reads front matter and renders the body', () => {
    const md = [
      '---',
      'title: "Lee in Tokyo: a new start"',
      'author: Jane Doe',
      'date: 2025-08-23T17:21:00+09:00',
      'categories: [World, Asia]',
      'lang: en',
      'url: https://news.example.com/world/lee-tokyo',
      'image: /img/lead.jpg',
      '---',
      '',
      '# Lee in Tokyo: a new start',
      '',
      `${para} It was **important**.`,
      '',
      '![Lee and Ishiba](photos/summit.jpg "The summit")',
      '',
      '- one',
      '- two',
      '',
      'See [the agency](/about) or [elsewhere](https://example.org/x).',
    ].join('\n');
    const article = importMarkdown(md, { fileName: 'lee.md' });
    expect(article).toMatchObject({
      title: 'Lee in Tokyo: a new start',
      byline: 'Jane Doe',
      published: Date.UTC(2025, 7, 23, 8, 21),
      section: 'World',
      lang: 'en',
      dir: 'ltr',
      url: 'https://news.example.com/world/lee-tokyo',
      leadImageUrl: 'https://news.example.com/img/lead.jpg',
      images: [
        'https://news.example.com/img/lead.jpg',
        'https://news.example.com/world/photos/summit.jpg',
      ],
    });
    // The heading is the title, not a second copy at the top of the body.
    expect(article.contentHtml).not.toContain('<h1');
    expect(article.contentHtml).toContain('<strong>important</strong>');
    expect(article.contentHtml).toContain('<ul>\n<li>one</li>\n<li>two</li>\n</ul>');
    expect(article.contentHtml).toContain(
      '<a href="https://news.example.com/about" target="_blank" rel="noopener noreferrer">the agency</a>',
    );
    expect(article.contentHtml).toContain(
      '<img src="https://news.example.com/world/photos/summit.jpg" alt="Lee and Ishiba" title="The summit">',
    );
    expect(article.excerpt).toBe(`${para} It was important.`);
    expect(article.textContent.split('\n\n')).toEqual([
      `${para} It was important.`,
      'one',
      'two',
      'See the agency or elsewhere.',
    ]);
  });

  it('takes the first # heading as title without front matter', () => {
    const article = importMarkdown(`Intro line.\n\n# The *real* title\n\n${para}\n`);
    expect(article.title).toBe('The real title');
    expect(article.byline).toBeUndefined();
    expect(article.published).toBeUndefined();
    expect(article.textContent).toBe(`Intro line.\n\n${para}`);
  });

  it('keeps a heading that differs from the front-matter title', () => {
    const article = importMarkdown(`---\ntitle: Front\n---\n# Heading\n\n${para}`);
    expect(article.title).toBe('Front');
    expect(article.contentHtml).toContain('<h1>Heading</h1>');
  });

  it('falls back to the file name for a title', () => {
    expect(importMarkdown(para, { fileName: 'notes/lee_in-tokyo.md' }).title).toBe('lee in tokyo');
  });

  it('sanitizes raw HTML in the Markdown', () => {
    const article = importMarkdown(
      `# T\n\n${para}\n\n<script>alert(1)</script>\n\n<img src="x" onerror="alert(1)"> <a href="javascript:alert(1)">js</a>\n\n<div style="position:fixed">overlay</div>\n\n[link](javascript:alert(2))`,
    );
    expect(article.contentHtml).not.toMatch(/<script|onerror|javascript:|style=/);
    expect(article.contentHtml).toContain('overlay');
  });

  it('counts words, reading time and leaves out relative images it cannot resolve', () => {
    const long = Array.from({ length: 120 }, () => para).join('\n\n');
    const article = importMarkdown(`# T\n\n![x](local.png)\n\n${long}`);
    expect(article.wordCount).toBe(120 * 22);
    expect(article.readingMinutes).toBe(Math.round((120 * 22) / 230));
    expect(article.images).toEqual([]);
    expect(importMarkdown('# T\n\nShort.').readingMinutes).toBe(1);
  });

  it('cuts a long first paragraph to a 300-character excerpt', () => {
    const article = importMarkdown(`# T\n\n${para} ${para} ${para}`);
    expect(article.excerpt?.length).toBeLessThanOrEqual(300);
    expect(article.excerpt?.endsWith('…')).toBe(true);
  });

  it('prefers a description from the front matter as excerpt', () => {
    const md = `---\ntitle: T\ndescription: >\n  A folded\n  description.\nauthors:\n  - Jane Doe\n  - John Roe\n---\n${para}`;
    const article = importMarkdown(md);
    expect(article.excerpt).toBe('A folded description.');
    expect(article.byline).toBe('Jane Doe, John Roe');
  });

  it('reads a date-only front matter date in local time, or at the given offset', () => {
    const md = `---\ntitle: T\ndate: 2025-08-23\n---\n${para}`;
    expect(importMarkdown(md).published).toBe(new Date(2025, 7, 23).getTime());
    expect(importMarkdown(md, { timeZoneOffsetMinutes: 540 }).published).toBe(
      Date.UTC(2025, 7, 22, 15, 0),
    );
  });

  it('handles Windows line endings, a BOM and right-to-left text', () => {
    const md =
      '\uFEFF---\r\ntitle: عنوان\r\nlang: ar\r\n---\r\n\r\nعقد الرئيس الكوري الجنوبي أول قمة.\r\n';
    const article = importMarkdown(md);
    expect(article.title).toBe('عنوان');
    expect(article.dir).toBe('rtl');
    expect(article.lang).toBe('ar');
    expect(article.textContent).toBe('عقد الرئيس الكوري الجنوبي أول قمة.');
  });

  it('refuses an empty file', () => {
    expect(() => importMarkdown('  \n\n', { fileName: '' })).toThrow(AppError);
  });
});
