/**
 * A Markdown file to an article: metadata from front matter when there is some, else the first
 * `# heading` as title; the rest rendered with marked and put through the one sanitizer policy
 * (Markdown may carry raw HTML, which marked passes through untouched). Nesting and element
 * counts are bounded before each parser runs (markdown-limits.ts), so no file costs more than
 * time linear in its length, and none overflows the stack.
 */
import { Marked, type Token, type Tokens } from 'marked';
import type { ExtractedArticle } from '../../shared/article-model';
import { AppError } from '../../shared/result';
import { blockText, normalizedText } from './dom-text';
import { type FrontMatterValue, splitFrontMatter } from './front-matter';
import { fileValues, titleFromFileName, type FileValues } from './file-title';
import { guessLanguage } from './guess-language';
import { parseHtmlBody } from './html-body';
import { type DateContext, parseLooseDate } from '../dates/loose-date';
import {
  MAX_HTML_ELEMENTS,
  MAX_HTML_NESTING,
  MAX_MARKDOWN_NESTING,
  htmlShape,
  markdownNesting,
} from './markdown-limits';
import { sanitizeHtml } from '../html/sanitize-html';
import { measureText, readingMinutes } from '../text/count-words';
import { makeExcerpt } from './excerpt';
import { resolveWebUrl } from '../../shared/web-url';

export interface MarkdownOptions {
  fileName?: string;
  /** Epoch ms, for relative dates. */
  now?: number;
  /** Minutes east of UTC for a front-matter date without a zone; else local time. */
  timeZoneOffsetMinutes?: number;
}

const RTL_LANGS = /^(?:ar|he|fa|ur|ps|sd|ug|yi|dv|ckb)(?:-|$)/i;

export function importMarkdown(text: string, options: MarkdownOptions = {}): ExtractedArticle {
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const { data, body } = splitFrontMatter(source);
  const meta = (...keys: string[]) => first(data, keys);
  const url = webUrl(
    meta('url', 'canonical', 'canonical_url', 'canonicalurl', 'link', 'permalink'),
  );

  const name = fileValues(options.fileName);
  if (markdownNesting(body) > MAX_MARKDOWN_NESTING) {
    throw new AppError('parse', 'main.import.markdownNesting', {
      ...name,
      max: MAX_MARKDOWN_NESTING,
    });
  }
  const marked = new Marked({ gfm: true, breaks: false, async: false });
  const tokens = lex(marked, body, name);
  const titleIndex = tokens.findIndex(
    (token) => token.type === 'heading' && (token as Tokens.Heading).depth === 1,
  );
  const heading = titleIndex >= 0 ? (tokens[titleIndex] as Tokens.Heading) : undefined;
  let title = meta('title');
  // The heading is the title shown above the article; keeping it in the body would show it twice.
  if (heading && (!title || plainInline(marked, heading.text) === title.trim())) {
    title ??= plainInline(marked, heading.text);
    tokens.splice(titleIndex, 1);
  }
  if (url) {
    marked.walkTokens(tokens, (token: Token) => {
      if (token.type === 'link' || token.type === 'image') {
        const link = token as Tokens.Link | Tokens.Image;
        link.href = resolve(link.href, url);
      }
    });
  }
  const html = marked.parser(tokens);
  // Raw HTML in Markdown nests as it likes; the sanitizer's parser is quadratic in the depth.
  const shape = htmlShape(html);
  if (shape.depth > MAX_HTML_NESTING) {
    throw new AppError('parse', 'main.import.htmlNesting', { ...name, max: MAX_HTML_NESTING });
  }
  if (shape.elements > MAX_HTML_ELEMENTS) {
    throw new AppError('too-large', 'main.import.tooManyElements', {
      ...name,
      max: MAX_HTML_ELEMENTS,
    });
  }
  const contentHtml = sanitizeHtml(html);

  const fragment = parseHtmlBody(contentHtml);
  const textContent = blockText(fragment);
  // A title alone (the file's name, or front matter over an empty body) is not an article,
  // as with a blank text file.
  if (!textContent.trim()) {
    throw new AppError('parse', 'main.import.noText', fileValues(options.fileName));
  }
  title = title?.trim() || fallbackTitle(options.fileName, textContent);

  const guess = guessLanguage(`${title}\n${textContent}`);
  const lang = meta('lang', 'language', 'locale')?.replace(/_/g, '-') ?? guess.lang;
  const measure = measureText(textContent, lang);
  const leadImage = webUrl(meta('image', 'cover', 'cover_image', 'og_image', 'thumbnail'), url);
  const images = unique([
    ...(leadImage ? [leadImage] : []),
    ...Array.from(fragment.querySelectorAll('img'), (img) => webUrl(img.getAttribute('src'))),
  ]);
  const firstParagraph = Array.from(fragment.querySelectorAll('p'), normalizedText).find(Boolean);

  const article: ExtractedArticle = {
    title: title || 'Untitled',
    contentHtml,
    textContent,
    wordCount: measure.words,
    readingMinutes: readingMinutes(measure),
    images,
    dir: lang && RTL_LANGS.test(lang) ? 'rtl' : lang ? 'ltr' : guess.dir,
  };
  const byline = authors(data);
  if (byline) article.byline = byline;
  const context: DateContext = {};
  if (options.now !== undefined) context.now = options.now;
  if (options.timeZoneOffsetMinutes !== undefined) {
    context.timeZoneOffsetMinutes = options.timeZoneOffsetMinutes;
  }
  const date = meta('date', 'published', 'pubdate', 'published_at', 'publishdate', 'created');
  const published = date ? parseLooseDate(date, context) : undefined;
  if (published !== undefined) article.published = published;
  const section = meta('section', 'category', 'categories');
  if (section) article.section = section;
  const siteName = meta('site', 'site_name', 'sitename', 'publication', 'source');
  if (siteName) article.siteName = siteName;
  if (lang) article.lang = lang;
  if (leadImage) article.leadImageUrl = leadImage;
  const description = meta('description', 'summary', 'excerpt', 'subtitle');
  const excerpt = description ?? firstParagraph;
  if (excerpt) article.excerpt = makeExcerpt(excerpt);
  if (url) article.url = url;
  return article;
}

/** The first non-empty value under any of the keys; for a list, its first item. */
function first(data: Record<string, FrontMatterValue>, keys: string[]): string | undefined {
  for (const key of keys) {
    const value = data[key];
    const text = (Array.isArray(value) ? value[0] : value)?.trim();
    if (text) return text;
  }
  return undefined;
}

function authors(data: Record<string, FrontMatterValue>): string | undefined {
  for (const key of ['author', 'authors', 'byline', 'author.name', 'creator']) {
    const value = data[key];
    const names = (Array.isArray(value) ? value : [value ?? ''])
      .map((name) => name.replace(/^by\s+/i, '').trim())
      .filter(Boolean);
    if (names.length) return names.join(', ');
  }
  return undefined;
}

/**
 * marked's lexer recurses once per nesting level; markdownNesting keeps files within the limit,
 * and a stack overflow from anything it did not foresee still ends in a message, not a crash.
 */
function lex(marked: Marked, markdown: string, name: FileValues): Token[] {
  try {
    return marked.lexer(markdown);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new AppError('parse', 'main.import.markdownTooDeep', name);
  }
}

function plainInline(marked: Marked, markdown: string): string {
  const html = marked.parseInline(markdown, { async: false });
  return normalizedText(parseHtmlBody(html));
}

function resolve(href: string, base: string): string {
  try {
    return new URL(href, base).href;
  } catch {
    return href;
  }
}

function webUrl(value: string | null | undefined, base?: string): string | undefined {
  return value ? resolveWebUrl(value, base) : undefined;
}

function unique(values: (string | undefined)[]): string[] {
  return [...new Set(values.filter((value): value is string => !!value))];
}

function fallbackTitle(fileName: string | undefined, text: string): string {
  const fromName = titleFromFileName(fileName);
  if (fromName) return fromName;
  const firstLine = text.split('\n')[0] ?? '';
  return firstLine ? makeExcerpt(firstLine, 80) : '';
}
