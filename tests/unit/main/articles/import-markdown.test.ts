import { describe, expect, it } from 'vitest';
import { importMarkdown } from '@main/articles/import-markdown';
import { AppError } from '@shared/result';

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

/**
 * Files built to hurt the parsers. Each ran past 25 s or overflowed the stack; now each ends in
 * an article or a message within the timeout (generous: machines are slow and busy, and a
 * synchronous run that blocks for longer still fails the test when it returns).
 */
describe('importMarkdown on hostile files', () => {
  const LIMIT_MS = 15_000;

  function refusal(markdown: string): AppError {
    try {
      importMarkdown(markdown, { fileName: 'deep.md' });
    } catch (error) {
      if (error instanceof AppError) return error;
      throw error;
    }
    throw new Error('imported');
  }

  it(
    'refuses quotes nested 100,000 deep with a message, not a stack overflow',
    () => {
      const error = refusal(`# Deep\n\n${'>'.repeat(100_000)} hi`);
      expect(error.code).toBe('parse');
      expect(error.message).toBe(
        '“deep.md” nests quotes or lists more than 100 levels deep, deeper than any article; Broadsheet cannot import it.',
      );
    },
    LIMIT_MS,
  );

  it(
    'refuses lines each quoted one level deeper than the last',
    () => {
      const lines = Array.from({ length: 2000 }, (_, i) => `${'>'.repeat(i + 1)} line`);
      expect(refusal(lines.join('\n')).message).toContain('more than 100 levels deep');
    },
    LIMIT_MS,
  );

  it(
    'refuses lists nested by indentation, and lists and quotes on one line',
    () => {
      const indented = Array.from({ length: 5000 }, (_, i) => `${'  '.repeat(i)}- item`);
      expect(refusal(indented.join('\n')).message).toContain('more than 100 levels deep');
      expect(refusal(`${'- '.repeat(100_000)}x`).message).toContain('more than 100 levels deep');
      expect(refusal(`${'> 1. '.repeat(30_000)}x`).message).toContain('more than 100 levels deep');
    },
    LIMIT_MS,
  );

  it('imports nesting within the limit, and code indented past it', () => {
    const quoted = importMarkdown(`# Quotes\n\n${'> '.repeat(60)}deep quote`);
    expect(quoted.contentHtml.match(/<blockquote>/g)).toHaveLength(60);
    const list = Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}- item ${i}`);
    expect(importMarkdown(list.join('\n')).contentHtml.match(/<ul>/g)).toHaveLength(40);
    const code = Array.from({ length: 300 }, (_, i) => `${' '.repeat(4 + i * 2)}- step ${i}`);
    expect(importMarkdown(`# Code\n\n${code.join('\n')}`).textContent).toContain('- step 299');
  });

  it(
    'refuses raw HTML nested 100,000 deep',
    () => {
      const error = refusal(`# Divs\n\n${'<div>'.repeat(100_000)}x`);
      expect(error.message).toBe(
        '“deep.md” nests its HTML more than 256 elements deep, deeper than any article; Broadsheet cannot import it.',
      );
    },
    LIMIT_MS,
  );

  it(
    'refuses a file that makes more than 100,000 elements, such as a table of one-letter cells',
    () => {
      const row = (cell: string) => `|${cell}`.repeat(60_000);
      const error = refusal(`${row('a')}\n${row('-')}\n${row('b')}`);
      expect(error.code).toBe('too-large');
      expect(error.message).toBe(
        '“deep.md” makes more than 100,000 paragraphs, links and other elements, more than one article holds; Broadsheet cannot import it.',
      );
    },
    LIMIT_MS,
  );

  it(
    'reads 20,000 paragraphs in time linear in their number',
    () => {
      // jsdom parses a fragment in quadratic time: 4,000 paragraphs took 20 s that way.
      const paragraphs = Array.from({ length: 20_000 }, (_, i) => `Paragraph ${i} of the text.`);
      const article = importMarkdown(`# Long\n\n${paragraphs.join('\n\n')}`);
      expect(article.textContent.split('\n\n')).toHaveLength(20_000);
      expect(article.wordCount).toBe(20_000 * 5);
    },
    LIMIT_MS,
  );

  it(
    'reads unclosed brackets, emphasis and backticks as text',
    () => {
      for (const run of ['[', '*', '`', '_', '![', '<']) {
        const article = importMarkdown(`# Runs\n\nBefore ${run.repeat(100_000)} after`);
        expect(article.title).toBe('Runs');
        expect(article.textContent).toContain('after');
      }
    },
    LIMIT_MS,
  );

  it(
    'reads a front-matter value with a long run of spaces',
    () => {
      const article = importMarkdown(`---\ntitle: A${' '.repeat(200_000)}B\n---\nText.`);
      expect(article.title).toBe(`A${' '.repeat(200_000)}B`);
    },
    LIMIT_MS,
  );
});
