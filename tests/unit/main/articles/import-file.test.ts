import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '@main/articles/extract-article';
import type { ArticleExtractor } from '@main/articles/import-html';
import {
  MAX_IMPORT_BYTES,
  MAX_IMPORT_TEXT_CHARS,
  importArticleFile,
  importKind,
} from '@main/articles/import-file';
import { AppError } from '@shared/result';
import { png } from '../net/image-bytes';

const seed = readFileSync(join(import.meta.dirname, '../../../../../shared/seed/seed-article.txt'));

function extractor() {
  const calls: { html: string; url: string }[] = [];
  const extract: ArticleExtractor = (html, { url }) => {
    calls.push({ html, url });
    return {
      title: 'From HTML',
      contentHtml: '<p>x</p>',
      textContent: 'x',
      wordCount: 1,
      readingMinutes: 1,
      images: [],
    };
  };
  return { extract, calls };
}

const bytes = (text: string) => new TextEncoder().encode(text);
const html = '<!DOCTYPE html><html><head><title>T</title></head><body><p>x</p></body></html>';
const markdown = '# Markdown title\n\nSome *text* here.';

function thrown(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('did not throw');
}

describe('importArticleFile', () => {
  it('imports .txt as plain text', () => {
    const article = importArticleFile({ name: 'seed-article.txt', bytes: seed }, extractor());
    expect(article.title).toBe(
      'South Korean President Lee in Tokyo to strengthen Japan ties before meeting Trump',
    );
    expect(article.byline).toBe('AP');
  });

  it('decodes legacy-encoded text files', () => {
    const text = `Überschrift für heute\n\n${'Der Präsident traf am Samstag in Tokio ein, wo er den japanischen Premierminister zu Gesprächen über Handel und Sicherheit traf. '.repeat(3)}`;
    const article = importArticleFile(
      { name: 'bericht.TEXT', bytes: iconv.encode(text, 'windows-1252') },
      extractor(),
    );
    expect(article.title).toBe('Überschrift für heute');
    expect(article.textContent).toContain('Präsident');
  });

  it('imports .md and .markdown as Markdown', () => {
    expect(importArticleFile({ name: 'a.md', bytes: bytes(markdown) }, extractor()).title).toBe(
      'Markdown title',
    );
    const article = importArticleFile({ name: 'a.markdown', bytes: bytes(markdown) }, extractor());
    expect(article.contentHtml).toContain('<em>text</em>');
  });

  it('imports .html, .htm and .xhtml through the extractor, passing --url on', () => {
    for (const name of ['page.html', 'page.HTM', 'page.xhtml']) {
      const { extract, calls } = extractor();
      const article = importArticleFile(
        { name, bytes: bytes(html) },
        { extract, baseUrl: 'https://example.com/story' },
      );
      expect(article.title).toBe('From HTML');
      expect(calls).toEqual([{ html, url: 'https://example.com/story' }]);
    }
  });

  it('sniffs HTML in a file without a known extension', () => {
    for (const content of [
      html,
      `\uFEFF  <!-- comment -->\n<html lang="en"><body>x</body></html>`,
    ]) {
      const { extract, calls } = extractor();
      importArticleFile({ name: 'download', bytes: bytes(content) }, { extract });
      expect(calls).toHaveLength(1);
      expect(calls[0]?.url).toBe('file:///download');
    }
  });

  it('reads other text as plain text', () => {
    const { extract, calls } = extractor();
    const article = importArticleFile(
      { name: 'README', bytes: bytes('Notes\n\nSome text that is not HTML at all.') },
      { extract },
    );
    expect(calls).toHaveLength(0);
    expect(article.title).toBe('Notes');
    expect(importKind({ name: 'x.log', bytes: bytes('<p>just a fragment</p>') })).toBe('text');
  });

  it('refuses binary files and formats it cannot read, naming the file', () => {
    for (const [name, content] of [
      ['x.pdf', bytes('%PDF-1.7\n...')],
      ['x.docx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0])],
      ['photo.jpeg', png(4, 4)],
      ['data.bin', new Uint8Array([1, 2, 3, 0, 5, 6, 7])],
      ['x.pdf', bytes('looks like text but is named pdf')],
    ] as const) {
      const error = thrown(() => importArticleFile({ name, bytes: content }, extractor()));
      expect(error.code).toBe('unsupported');
      expect(error.message).toBe(
        `Broadsheet can import .txt, .md and .html files; “${name}” is none of these.`,
      );
    }
  });

  it('says so when a text-named file holds binary data', () => {
    const error = thrown(() =>
      importArticleFile({ name: 'notes.txt', bytes: png(4, 4) }, extractor()),
    );
    expect(error.code).toBe('unsupported');
    expect(error.message).toContain('“notes.txt” is not a text file');
  });

  it('accepts UTF-16 text, which is half NUL bytes', () => {
    const text =
      'Headline\n\nA paragraph of text in UTF-16 without a byte order mark, as some tools write it.';
    const article = importArticleFile(
      { name: 'utf16.txt', bytes: iconv.encode(text, 'utf-16le') },
      extractor(),
    );
    expect(article.title).toBe('Headline');
  });

  it('refuses files over 10 MB before reading them', () => {
    const big = new Uint8Array(MAX_IMPORT_BYTES + 1);
    const error = thrown(() => importArticleFile({ name: 'huge.txt', bytes: big }, extractor()));
    expect(error.code).toBe('too-large');
    expect(error.message).toBe(
      '“huge.txt” is too large to import (10.1 MB); Broadsheet imports files of up to 10 MB.',
    );
    expect(() =>
      importArticleFile(
        { name: 'ok.txt', bytes: bytes(`T\n\n${'word '.repeat(1000)}`) },
        extractor(),
      ),
    ).not.toThrow();
  });

  it('refuses text and Markdown of more than two million characters, not HTML', () => {
    const long = `Title\n\n${'word '.repeat(MAX_IMPORT_TEXT_CHARS / 5)}x`;
    for (const name of ['long.txt', 'long.md']) {
      const error = thrown(() => importArticleFile({ name, bytes: bytes(long) }, extractor()));
      expect(error.code).toBe('too-large');
      expect(error.message).toBe(
        `“${name}” is too long to import as an article (2.1 million characters); Broadsheet imports text and Markdown files of up to 2 million characters.`,
      );
    }
    const page = `<!DOCTYPE html><title>T</title><p>${'word '.repeat(MAX_IMPORT_TEXT_CHARS / 5)}</p>`;
    const { extract, calls } = extractor();
    importArticleFile({ name: 'long.html', bytes: bytes(page) }, { extract });
    expect(calls).toHaveLength(1);
  });

  it('refuses an empty file', () => {
    const error = thrown(() =>
      importArticleFile({ name: 'empty.txt', bytes: new Uint8Array(0) }, extractor()),
    );
    expect(error.code).toBe('parse');
    expect(error.message).toBe('“empty.txt” has no article text to import.');
  });

  it('refuses an empty or blank Markdown file as it refuses an empty text file', () => {
    for (const text of ['', '  \n\n', '---\ntitle: Only a title\n---\n']) {
      const error = thrown(() =>
        importArticleFile({ name: 'empty.md', bytes: bytes(text) }, extractor()),
      );
      expect(error.code).toBe('parse');
      expect(error.message).toBe('“empty.md” has no article text to import.');
    }
  });

  it('passes now and the zone offset to the text importers', () => {
    const article = importArticleFile(
      { name: 'a.txt', bytes: bytes('Headline\n2025-08-23 17:21\n\nSome text of the article.') },
      { ...extractor(), timeZoneOffsetMinutes: 60 },
    );
    expect(article.published).toBe(Date.UTC(2025, 7, 23, 16, 21));
  });

  it('works with the real extractor on a page saved by a browser', () => {
    const paragraphs = seed
      .toString('utf8')
      .split(/\n\s*\n/)
      .slice(3)
      .map((p) => `<p>${p}</p>`)
      .join('');
    const saved = [
      '<!DOCTYPE html>',
      '<!-- saved from url=(0040)https://news.example.com/world/lee-tokyo -->',
      '<html><head><meta charset="utf-8"><title>Lee in Tokyo</title></head>',
      `<body><nav>Menu</nav><article><h1>Lee in Tokyo</h1><img src="/img/lead.jpg">${paragraphs}</article></body></html>`,
    ].join('\n');
    const article = importArticleFile(
      { name: 'Lee in Tokyo.html', bytes: bytes(saved) },
      { extract: extractArticle },
    );
    expect(article.title).toBe('Lee in Tokyo');
    expect(article.url).toBe('https://news.example.com/world/lee-tokyo');
    expect(article.images).toEqual(['https://news.example.com/img/lead.jpg']);
    expect(article.textContent).toContain('Japan’s wartime aggression');
  });
});
