/**
 * A plain-text article, as a scraper or a copy from a browser leaves it: some page chrome, a
 * section line, the headline, a byline and a date line, then paragraphs between blank lines.
 * The header is read line by line until the first real paragraph; everything after is body.
 */
import type { ExtractedArticle } from '../../shared/article-model';
import { AppError } from '../../shared/result';
import { fileValues, titleFromFileName } from './file-title';
import { guessLanguage } from './guess-language';
import { type DateContext, findDate } from '../dates/loose-date';
import { isPageJunk } from './page-junk';
import { sanitizeHtml } from '../html/sanitize-html';
import { measureText, readingMinutes } from '../text/count-words';
import { makeExcerpt } from './excerpt';

export interface PlainTextOptions {
  fileName?: string;
  /** Epoch ms, for relative dates such as "3 hours ago". */
  now?: number;
  /**
   * Minutes east of UTC (540 for Seoul) in which to read a date line that names no zone.
   * Without it such dates are read in the machine's local zone.
   */
  timeZoneOffsetMinutes?: number;
}

interface Position {
  block: number;
  line: number;
}

interface Header {
  title?: string;
  section?: string;
  byline?: string;
  published?: number;
  bodyStart?: Position;
}

type Block = { kind: 'p'; text: string } | { kind: 'ul' | 'ol'; items: string[] };

// A label line ("World", "Politics › Asia") is short; a headline is not.
const MAX_LABEL_WORDS = 3;
const MAX_LABEL_CHARS = 32;
// Past this many label-like lines before a headline, they are the article itself (a list, a poem).
const MAX_LABELS = 3;
const WRAPPED_LINE_CHARS = 100;
// A byline and date line ("By Jane Doe, Staff Writer | Published 23 Aug 2025 | Updated …") is
// short; reading a longer line part by part would only cost time.
const MAX_META_LINE = 300;
// A header is a few lines; a file of thousands of date or chrome lines would otherwise be read
// line by line as header to its end.
const MAX_HEADER_LINES = 100;

export function importPlainText(text: string, options: PlainTextOptions = {}): ExtractedArticle {
  const blocks = toBlocks(normalize(text));
  const context: DateContext = {};
  if (options.now !== undefined) context.now = options.now;
  if (options.timeZoneOffsetMinutes !== undefined) {
    context.timeZoneOffsetMinutes = options.timeZoneOffsetMinutes;
  }
  const header = readHeader(blocks, context);
  const body = header.bodyStart ? readBody(blocks, header.bodyStart) : [];
  const paragraphs = body.flatMap((block) => (block.kind === 'p' ? [block.text] : block.items));
  if (header.title === undefined && !paragraphs.length) {
    throw new AppError('parse', 'main.import.noText', fileValues(options.fileName));
  }
  const title = header.title ?? fallbackTitle(options.fileName, paragraphs[0]);

  const textContent = paragraphs.join('\n\n');
  const { lang, dir } = guessLanguage(`${title}\n${textContent}`);
  const measure = measureText(textContent, lang);
  const article: ExtractedArticle = {
    title: title || 'Untitled',
    contentHtml: sanitizeHtml(body.map(blockHtml).join('\n')),
    textContent,
    wordCount: measure.words,
    readingMinutes: readingMinutes(measure),
    images: [],
    dir,
  };
  if (header.byline) article.byline = header.byline;
  if (header.published !== undefined) article.published = header.published;
  if (header.section) article.section = header.section;
  if (lang) article.lang = lang;
  if (paragraphs[0]) article.excerpt = makeExcerpt(paragraphs[0]);
  return article;
}

function normalize(text: string): string {
  return (
    text
      .replace(/^\uFEFF/, '')
      .replace(/\r\n?|[\u2028\u2029\f\v]/g, '\n')
      .replace(/\t/g, ' ')
      // Zero-width and control characters that copy-paste and scrapers leave behind.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u200B\u200E\u200F\uFEFF\u0000-\u0008\u000E-\u001F\u007F]/g, '')
  );
}

function toBlocks(text: string): string[][] {
  const blocks: string[][] = [];
  let current: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+/g, ' ').trim();
    if (line) current.push(line);
    else if (current.length) {
      blocks.push(current);
      current = [];
    }
  }
  if (current.length) blocks.push(current);
  return blocks;
}

function readHeader(blocks: string[][], context: DateContext): Header {
  const header: Header = {};
  const labels: { text: string; at: Position }[] = [];
  let updated: number | undefined;
  let bodyStart: Position | undefined;
  let tooManyLabels = false;
  let lines = 0;

  scan: for (let b = 0; b < blocks.length; b += 1) {
    const block = blocks[b] ?? [];
    for (let l = 0; l < block.length; l += 1) {
      const line = block[l] ?? '';
      if ((lines += 1) > MAX_HEADER_LINES) {
        bodyStart = { block: b, line: l };
        break scan;
      }
      if (isPageJunk(line)) continue;
      const meta = readMetaLine(line, context);
      if (meta) {
        header.byline ??= meta.byline;
        if (meta.published !== undefined) header.published ??= meta.published;
        if (meta.updated !== undefined) updated ??= meta.updated;
        continue;
      }
      if (header.title === undefined && !startsParagraph(block, l)) {
        if (!isLabel(line)) {
          header.title = line;
          continue;
        }
        if (labels.length < MAX_LABELS) {
          labels.push({ text: line, at: { block: b, line: l } });
          continue;
        }
        tooManyLabels = true;
      }
      bodyStart = { block: b, line: l };
      break scan;
    }
  }

  if (header.title === undefined && tooManyLabels) {
    // A run of short lines with no headline: the first is the title, the rest are the text.
    const [first, second] = labels;
    header.title = first?.text;
    bodyStart = second?.at ?? bodyStart;
    labels.length = 0;
  } else if (header.title === undefined) {
    header.title = labels.pop()?.text;
  }
  const section = labels.at(-1)?.text;
  if (section) header.section = sectionName(section);
  header.published ??= updated;
  if (bodyStart) header.bodyStart = bodyStart;
  return header;
}

interface MetaLine {
  byline?: string;
  published?: number;
  updated?: number;
}

const BYLINE_PREFIX =
  /^(?:(?:written|words|story|reporting|text|photos?) by|by|von|par|por|di|door|av|af)\s*[:-]?\s+(.+)$/iu;
const BYLINE_LABEL =
  /^(?:authors?|byline|autor(?:in)?|auteur|autore|writer|作者|記者)\s*[:：]\s*(.+)$/iu;
const KOREAN_REPORTER = /^(\p{Script=Hangul}{2,4})\s*(?:기자|특파원)(?=$|[\s,=·])/u;

const PUBLISHED_WORDS = new Set(
  'published posted date dated first created veröffentlicht erschienen publié publicado pubblicato gepubliceerd publicerad 입력 등록 公開 发布 發佈 发表'.split(
    ' ',
  ),
);
const UPDATED_WORDS = new Set(
  'updated last modified edited aktualisiert geändert stand mis jour actualizado atualizado aggiornato bijgewerkt uppdaterad 수정 更新'.split(
    ' ',
  ),
);

/** A byline, a date line, or both on one line ("By AP | 23 Aug 2025"); else undefined. */
function readMetaLine(line: string, context: DateContext): MetaLine | undefined {
  if (line.length > MAX_META_LINE) return undefined;
  const parts = line.split(/\s+[|·•]\s+|\s+[–—]\s+/u).filter(Boolean);
  const meta: MetaLine = {};
  let other = 0;
  for (const part of parts) {
    const byline = meta.byline === undefined ? readByline(part) : undefined;
    if (byline) {
      meta.byline = byline;
      continue;
    }
    const date = readDateLine(part, context);
    if (date) {
      if (date.kind === 'updated') meta.updated ??= date.time;
      else meta.published ??= date.time;
      continue;
    }
    if (isPageJunk(part)) continue;
    // A job title or agency after the name: "By Jane Doe | Staff Writer".
    if (meta.byline !== undefined && wordsIn(part) <= 4) continue;
    other += 1;
  }
  const found =
    meta.byline !== undefined || meta.published !== undefined || meta.updated !== undefined;
  return found && !other ? meta : undefined;
}

function readByline(text: string): string | undefined {
  if (text.length > 100) return undefined;
  const match = BYLINE_PREFIX.exec(text) ?? BYLINE_LABEL.exec(text) ?? KOREAN_REPORTER.exec(text);
  const name = match?.[1]?.replace(/[\s,;:]+$/u, '').trim();
  if (!name || wordsIn(name) > 12 || /\p{Ll}{2}\.$/u.test(name)) return undefined;
  // "By the time…" or "Di Maio says…" start sentences: in a list of names every word is
  // capitalized (or in a script without capitals), except the words that join names.
  const words = name.split(/[\s,]+/u).filter(Boolean);
  const nameLike = words.every(
    (word) => /^[\p{Lu}\p{Lo}\p{N}]/u.test(word) || NAME_JOINERS.has(word),
  );
  return nameLike ? name : undefined;
}

const NAME_JOINERS = new Set(
  'and und et y e i og och en & van von der den de da di del la le du bin al ibn'.split(' '),
);

function readDateLine(
  text: string,
  context: DateContext,
): { time: number; kind: 'published' | 'updated' } | undefined {
  if (text.length > 80) return undefined;
  const found = findDate(text, context);
  if (!found) return undefined;
  const words = found.rest.split(' ').filter(Boolean);
  const unknown = words.filter((word) => !PUBLISHED_WORDS.has(word) && !UPDATED_WORDS.has(word));
  // One stray word is a dateline's place or a zone we do not know ("Seoul", "ET").
  if (unknown.length > 1) return undefined;
  const isUpdate =
    words.some((word) => UPDATED_WORDS.has(word)) &&
    !words.some((word) => PUBLISHED_WORDS.has(word));
  return { time: found.time, kind: isUpdate ? 'updated' : 'published' };
}

function isLabel(line: string): boolean {
  if (/[.!?;,:…]$/u.test(line)) return false;
  const crumbs = line.split(/\s+[>›»/|]\s+/u);
  if (crumbs.length > 1) {
    return line.length <= 80 && crumbs.every((crumb) => wordsIn(crumb) <= MAX_LABEL_WORDS);
  }
  return line.length <= MAX_LABEL_CHARS && wordsIn(line) <= MAX_LABEL_WORDS;
}

const GENERIC_CRUMBS = new Set(['home', 'news', 'start', 'startseite', 'accueil', 'inicio', '홈']);

/** "Home › World › Asia" names the section "World". */
function sectionName(label: string): string {
  const crumbs = label.split(/\s+[>›»/|]\s+/u).map((crumb) => crumb.trim());
  return crumbs.find((crumb) => !GENERIC_CRUMBS.has(crumb.toLowerCase())) ?? crumbs[0] ?? label;
}

const ABBREVIATION =
  'Mr|Mrs|Ms|Dr|St|Jr|Sr|Prof|Gen|Gov|Sen|Rep|Lt|Col|Capt|Sgt|No|vs|etc|Inc|Co|Corp|Ltd|Mt|Ft';
const TWO_SENTENCES = new RegExp(
  `[\\p{Ll}\\d"”’')\\]](?<!\\b(?:${ABBREVIATION}))[.!?]\\s+["“‘(]?\\p{Lu}`,
  'u',
);

/** Whether the line at `index` starts body text rather than being a headline. */
function startsParagraph(block: string[], index: number): boolean {
  const line = block[index] ?? '';
  const next = block[index + 1];
  // A hard-wrapped paragraph: the next line carries on mid-sentence.
  if (next !== undefined && /^\p{Ll}/u.test(next)) return true;
  // Length first: counting the words of a long line costs time in proportion to it.
  if (line.length > 250) return true;
  const words = wordsIn(line);
  if (words > 40) return true;
  if (TWO_SENTENCES.test(line) || /[。！？]\s*\S/u.test(line)) return true;
  // Headlines seldom end in a full stop; sentences do.
  if (/(?<!\.)[.。]["”’)]?$/u.test(line)) return words > 6;
  return /[!?…]["”’)]?$/u.test(line) && words > 15;
}

function readBody(blocks: string[][], start: Position): Block[] {
  const body: Block[] = [];
  for (let b = start.block; b < blocks.length; b += 1) {
    const lines = (blocks[b] ?? []).slice(b === start.block ? start.line : 0);
    const kept = lines.filter((line) => !isPageJunk(line));
    if (kept.length) body.push(...blockContent(kept));
  }
  return body;
}

const BULLET = /^[•◦▪‣*–-]\s+/u;
const NUMBERED = /^\d{1,3}[.)]\s+/u;

function blockContent(lines: string[]): Block[] {
  if (lines.length > 1 && lines.every((line) => BULLET.test(line))) {
    return [{ kind: 'ul', items: lines.map((line) => line.replace(BULLET, '')) }];
  }
  if (lines.length > 1 && lines.every((line) => NUMBERED.test(line))) {
    return [{ kind: 'ol', items: lines.map((line) => line.replace(NUMBERED, '')) }];
  }
  // Long lines are paragraphs of their own (one paragraph per line, no blank lines between);
  // short ones are a paragraph hard-wrapped at some column.
  const wrapped = lines.slice(0, -1).every((line) => line.length <= WRAPPED_LINE_CHARS);
  if (!wrapped) return lines.map((text) => ({ kind: 'p', text }));
  return [{ kind: 'p', text: lines.join(' ') }];
}

function blockHtml(block: Block): string {
  if (block.kind === 'p') return `<p>${escapeHtml(block.text)}</p>`;
  const items = block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('');
  return `<${block.kind}>${items}</${block.kind}>`;
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function fallbackTitle(fileName: string | undefined, firstParagraph: string | undefined): string {
  const fromName = titleFromFileName(fileName);
  if (fromName || !firstParagraph) return fromName;
  return makeExcerpt(firstParagraph.split(/(?<=[.!?。])\s/u)[0] ?? firstParagraph, 80);
}

function wordsIn(text: string): number {
  return measureText(text).words;
}
