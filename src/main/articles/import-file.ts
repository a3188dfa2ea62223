/**
 * One file the reader chose (a drop, the Import menu, the CLI) to an article: picks the importer
 * by extension, or by looking at the bytes when the extension says nothing.
 */
import type { ExtractedArticle } from '../../shared/article-model';
import { formatBytes } from '../../shared/format-bytes';
import { AppError } from '../../shared/result';
import { isWide } from '../text/charset-labels';
import { decodeBytes, unicodeEncoding } from '../text/decode-bytes';
import { type ArticleExtractor, importHtmlFile } from './import-html';
import { importMarkdown } from './import-markdown';
import { importPlainText } from './import-text';

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
/**
 * Text and Markdown past this are books, logs or generated files, not an article; reading,
 * counting and laying out a file of one-letter words near the size limit kept the importers
 * busy far longer than a reader waits (docs/bench/2026-12-06-hostile-inputs.md). Two million
 * characters is some 300,000 words, longer than most novels.
 */
export const MAX_IMPORT_TEXT_CHARS = 2_000_000;

export interface ImportFileInput {
  /** The file's name, for its extension and as a title of last resort. */
  name: string;
  bytes: Uint8Array;
}

export interface ImportFileOptions {
  /** The page's address, for HTML files (the CLI's --url). */
  baseUrl?: string;
  extract: ArticleExtractor;
  now?: number;
  /** Minutes east of UTC for dates without a zone; else the local zone. */
  timeZoneOffsetMinutes?: number;
}

export type ImportKind = 'text' | 'markdown' | 'html';

const EXTENSIONS: Record<string, ImportKind> = {
  txt: 'text',
  text: 'text',
  md: 'markdown',
  markdown: 'markdown',
  mdown: 'markdown',
  mkd: 'markdown',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  shtml: 'html',
};

// Formats people try to import that we recognise but cannot read, whatever their bytes.
const REFUSED = new Set([
  'pdf',
  'doc',
  'docx',
  'odt',
  'rtf',
  'epub',
  'mobi',
  'pages',
  'mht',
  'mhtml',
  'webarchive',
  'zip',
]);

export function importArticleFile(
  input: ImportFileInput,
  options: ImportFileOptions,
): ExtractedArticle {
  const { name, bytes } = input;
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    throw new AppError('too-large', 'main.import.fileTooLarge', {
      file: name,
      size: formatBytes(bytes.byteLength, { roundUp: true }),
      max: formatBytes(MAX_IMPORT_BYTES),
    });
  }
  const kind = importKind(input);
  if (!kind) {
    const id = EXTENSIONS[extensionOf(name)] ? 'main.import.notText' : 'main.import.notImportable';
    throw new AppError('unsupported', id, { file: name });
  }
  if (kind === 'html') {
    const htmlOptions: Parameters<typeof importHtmlFile>[1] = {
      fileName: name,
      extract: options.extract,
    };
    if (options.baseUrl !== undefined) htmlOptions.baseUrl = options.baseUrl;
    return importHtmlFile(bytes, htmlOptions);
  }
  const text = decodeBytes(bytes).text;
  if (text.length > MAX_IMPORT_TEXT_CHARS) {
    throw new AppError('too-large', 'main.import.textTooLong', {
      file: name,
      millions: millions(text.length),
      max: millions(MAX_IMPORT_TEXT_CHARS),
    });
  }
  const textOptions: { fileName: string; now?: number; timeZoneOffsetMinutes?: number } = {
    fileName: name,
  };
  if (options.now !== undefined) textOptions.now = options.now;
  if (options.timeZoneOffsetMinutes !== undefined) {
    textOptions.timeZoneOffsetMinutes = options.timeZoneOffsetMinutes;
  }
  return kind === 'markdown'
    ? importMarkdown(text, textOptions)
    : importPlainText(text, textOptions);
}

/** Whether a file's name says it is one Import reads (.txt, .md, .html and their spellings). */
export function hasImportExtension(name: string): boolean {
  return EXTENSIONS[extensionOf(name)] !== undefined;
}

/** Which importer reads the file, or undefined when none can. */
export function importKind(input: ImportFileInput): ImportKind | undefined {
  const extension = extensionOf(input.name);
  if (REFUSED.has(extension) || isBinary(input.bytes)) return undefined;
  const known = EXTENSIONS[extension];
  if (known) return known;
  const head = decodeBytes(input.bytes.subarray(0, 1024)).text;
  // After a BOM, whitespace and comments, an HTML document opens with a doctype or <html>.
  const start = head.replace(/^(?:\s|<!--[\s\S]*?-->|<\?xml[^>]*>)*/, '').slice(0, 64);
  if (/^<(?:!doctype\s+html|html[\s>])/i.test(start)) return 'html';
  return 'text';
}

const BINARY_SIGNATURES = [
  [0x25, 0x50, 0x44, 0x46], // %PDF
  [0x50, 0x4b, 0x03, 0x04], // zip: docx, epub, odt
  [0x7b, 0x5c, 0x72, 0x74, 0x66], // {\rtf
  [0xd0, 0xcf, 0x11, 0xe0], // old Office documents
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF
  [0x1f, 0x8b], // gzip
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0x4d, 0x5a], // Windows executables
];

/** Not text: a known binary signature, or NUL and other control bytes that text never has. */
function isBinary(bytes: Uint8Array): boolean {
  if (BINARY_SIGNATURES.some((signature) => signature.every((byte, i) => bytes[i] === byte))) {
    return true;
  }
  const sample = bytes.subarray(0, 8192);
  // UTF-16 text is half NUL bytes; decodeBytes recognises it, with or without a BOM.
  const unicode = unicodeEncoding(sample);
  if (unicode && isWide(unicode)) return false;
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    // Tab, line feed, form feed, carriage return and escape occur in text; the rest do not.
    if (
      byte < 0x20 &&
      byte !== 0x09 &&
      byte !== 0x0a &&
      byte !== 0x0c &&
      byte !== 0x0d &&
      byte !== 0x1b
    ) {
      control += 1;
    }
  }
  return control > sample.length * 0.01;
}

function extensionOf(name: string): string {
  return /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
}

/** Millions, to one decimal, for `{millions, number} million`. */
function millions(count: number): number {
  // Rounded up, as sizes beside a limit are (shared/format-bytes.ts).
  return Math.ceil((count / 1_000_000) * 10) / 10;
}
