/**
 * articles.import under fuzzing: random files named .txt, .md, .html or anything else, with
 * random, hostile or nearly-right contents, go through the job the app runs (runExtractJob,
 * the real extractor). Each gives an article that keeps the model's promises (a title that is
 * not blank, nothing script-capable in its HTML, web URLs only, a valid date) or one of the
 * importer's clear errors; and the same file gives the same article twice.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runExtractJob } from '@main/articles/extract-job';
import type { ExtractedArticle } from '@shared/article-model';
import { AppError } from '@shared/result';
import { fuzz, fuzzTimeoutMs } from '../../fuzz';
import { scriptCapable } from '../html/script-capable';

const TARGET = 'main/articles/import';
const NOW = Date.UTC(2026, 11, 6, 12);

const payload = fc.constantFrom(
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">link</a>',
  '<a href="java\tscript:alert(1)">tab</a>',
  '<iframe src="https://www.youtube.com/embed/x"></iframe>',
  '<svg onload=alert(1)><script>alert(2)</script></svg>',
  '<img srcset="javascript:alert(1) 1x, https://e.example/a.png 2x" src="/a.png">',
  '<style>*{background:url(javascript:alert(1))}</style>',
  '<form action="javascript:alert(1)"><input></form>',
  '<base href="javascript:alert(1)//">',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '[link](javascript:alert(1))',
  '![img](javascript:alert(1))',
  '<javascript:alert(1)>',
  '[x]: javascript:alert(1)\n\n[ref][x]',
);
const words = fc
  .array(fc.oneof(fc.lorem({ maxCount: 3 }), fc.string({ maxLength: 8 }), payload), {
    maxLength: 8,
  })
  .map((parts) => parts.join(' '));
const line = fc.oneof(
  words,
  fc.constantFrom(
    '',
    '',
    'By AP',
    'Published 23 Aug 2025 05:21 PM',
    '---',
    'title: "Front: matter"',
    '# ',
    '#',
    '   ',
    '\t',
    '***',
    '> quote',
    '- item',
    '1. item',
    '```',
    '|a|b|',
    '|-|-|',
  ),
  fc
    .tuple(fc.constantFrom('# ', '## ', '', '**', '> '), words)
    .map(([prefix, text]) => prefix + text),
  fc.string({ unit: 'binary', maxLength: 20 }),
);
const textDocument = fc.array(line, { maxLength: 12 }).map((lines) => lines.join('\n'));
const frontMatter = fc
  .tuple(
    fc.array(
      fc.tuple(
        fc.constantFrom('title', 'author', 'date', 'url', 'tags', 'lang', 'x'),
        fc.oneof(words, fc.constantFrom('2025-08-23', 'javascript:alert(1)', '[a, b]', '"', "'")),
      ),
      { maxLength: 5 },
    ),
    textDocument,
  )
  .map(
    ([fields, body]) =>
      `---\n${fields.map(([key, value]) => `${key}: ${value}`).join('\n')}\n---\n${body}`,
  );
const htmlDocument = fc
  .tuple(
    fc.constantFrom('', '<!DOCTYPE html>', '\uFEFF<!doctype html>', '<?xml version="1.0"?>'),
    fc.oneof(
      fc.constant(''),
      words.map((title) => `<title>${title}</title>`),
    ),
    fc.array(
      fc.constantFrom(
        '<meta charset="utf-8">',
        '<meta charset="x-nope">',
        '<meta charset="utf-16">',
        '<link rel="canonical" href="javascript:alert(1)">',
        '<link rel="canonical" href="/story">',
        '<base href="https://news.example/a/">',
        '<meta property="og:image" content="data:image/png;base64,AAAA">',
        '<meta property="article:published_time" content="9999-99-99">',
        '<base href="https://news.example/&#99999999;">',
        '<!-- saved from url=(0030)https://news.example/&#x110000; -->',
        '<meta property="og:url" content="//news.example/story">',
      ),
      { maxLength: 3 },
    ),
    fc.array(
      fc.oneof(
        words.map((text) => `<p>${text}</p>`),
        payload,
        fc.constantFrom('<h1>Head</h1>', '<img src="/i.png">', '<article>', '</div>', '<p>'),
      ),
      { maxLength: 10 },
    ),
    fc.boolean(),
  )
  .map(
    ([doctype, title, head, body, close]) =>
      `${doctype}<html><head>${title}${head.join('')}</head><body>${body.join('\n')}${close ? '</body></html>' : ''}`,
  );

const fileName = fc.oneof(
  fc
    .tuple(
      fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', '.', 'a b', 'report')),
      fc.constantFrom(
        '.txt',
        '.md',
        '.markdown',
        '.html',
        '.HTM',
        '.xhtml',
        '',
        '.pdf',
        '.json',
        '.TXT',
      ),
    )
    .map(([stem, extension]) => stem + extension),
  fc.string({ maxLength: 20 }),
);
// HTML goes through jsdom, far slower than the rest: one case in ten keeps the run short.
const contents = fc.oneof(
  { weight: 2, arbitrary: textDocument.map((text) => new TextEncoder().encode(text)) },
  { weight: 2, arbitrary: frontMatter.map((text) => new TextEncoder().encode(text)) },
  { weight: 1, arbitrary: htmlDocument.map((text) => new TextEncoder().encode(text)) },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 600 }) },
  {
    weight: 2,
    arbitrary: fc
      .string({ unit: 'binary', maxLength: 300 })
      .map((text) => new TextEncoder().encode(text)),
  },
  // UTF-16 with a BOM, as Notepad saves.
  {
    weight: 1,
    arbitrary: textDocument.map(
      (text) =>
        new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])),
    ),
  },
);

function isWeb(url: string | undefined): boolean {
  if (url === undefined) return true;
  try {
    return /^https?:$/.test(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** The promise an imported article breaks, or undefined. */
function brokenPromise(article: ExtractedArticle): string | undefined {
  if (typeof article.title !== 'string' || !article.title.trim())
    return `blank title ${JSON.stringify(article.title)}`;
  const script = scriptCapable(article.contentHtml);
  if (script) return `script-capable ${script} in ${article.contentHtml}`;
  if (!isWeb(article.url)) return `url ${article.url}`;
  if (!isWeb(article.leadImageUrl)) return `leadImageUrl ${article.leadImageUrl}`;
  const image = article.images.find((url) => !isWeb(url));
  if (image !== undefined) return `image ${image}`;
  if (
    article.published !== undefined &&
    !(
      Number.isInteger(article.published) &&
      article.published > Date.UTC(1000, 0, 1) &&
      article.published < Date.UTC(10_000, 0, 1)
    )
  ) {
    return `published ${article.published}`;
  }
  if (!Number.isInteger(article.wordCount) || article.wordCount < 0)
    return `wordCount ${article.wordCount}`;
  if (!Number.isFinite(article.readingMinutes) || article.readingMinutes < 0)
    return `readingMinutes ${article.readingMinutes}`;
  if (typeof article.textContent !== 'string') return 'textContent';
  return undefined;
}

/** The article, or undefined for one of the importer's clear errors. */
function importOrClearError(name: string, bytes: Uint8Array): ExtractedArticle | undefined {
  try {
    return runExtractJob({ kind: 'file', name, bytes, now: NOW });
  } catch (error) {
    if (error instanceof AppError && ['unsupported', 'too-large', 'parse'].includes(error.code))
      return undefined;
    throw error;
  }
}

const run = { timeout: fuzzTimeoutMs() };
// A failing hostile page would be shrunk through jsdom a few thousand times (minutes): report
// it as found instead; the regression test keeps the small version.
const noShrink = { endOnFailure: true };

describe('articles.import under fuzzing', () => {
  it(
    'imports any file as an article keeping the model’s promises, or says clearly why not',
    run,
    async () => {
      await fuzz(
        TARGET,
        'any name and bytes: non-blank title, sanitized HTML, web URLs, valid date; or a clear error',
        fc.property(fileName, contents, (name, bytes) => {
          const article = importOrClearError(name, bytes);
          const broken = article && brokenPromise(article);
          if (broken) throw new Error(broken);
        }),
        noShrink,
      );
    },
  );

  it('imports .txt, .md and .html files with hostile contents', run, async () => {
    await fuzz(
      TARGET,
      '.txt/.md/.html with hostile contents: promises kept or a clear error',
      fc.property(
        fc.oneof(
          { weight: 2, arbitrary: textDocument.map((text) => ['notes.txt', text] as const) },
          {
            weight: 2,
            arbitrary: fc
              .oneof(textDocument, frontMatter)
              .map((text) => ['notes.md', text] as const),
          },
          // One in five: jsdom is slow (see contents).
          { weight: 1, arbitrary: htmlDocument.map((text) => ['page.html', text] as const) },
        ),
        ([name, text]) => {
          const article = importOrClearError(name, new TextEncoder().encode(text));
          const broken = article && brokenPromise(article);
          if (broken) throw new Error(broken);
        },
      ),
      noShrink,
    );
  });

  it('imports the same file the same way twice', run, async () => {
    await fuzz(
      TARGET,
      'deterministic: same file, same article',
      fc.property(
        fileName,
        fc.oneof(textDocument, frontMatter).map((text) => new TextEncoder().encode(text)),
        (name, bytes) => {
          const answer = () => {
            try {
              return runExtractJob({ kind: 'file', name, bytes, now: NOW });
            } catch (error) {
              return String(error);
            }
          };
          expect(answer()).toEqual(answer());
        },
      ),
    );
  });
});
