/**
 * Bytes to text. A first cut: a byte order mark, else the Content-Type charset and the XML
 * declaration, else UTF-8 (windows-1252 when the bytes are not UTF-8). Real charset detection
 * comes later.
 */

import { gunzipSync } from 'node:zlib';
import { AppError } from '../../../shared/result';

const UTF8 = 'utf-8';
const LEGACY_DEFAULT = 'windows-1252';
const MAX_UNPACKED_BYTES = 20 * 1024 * 1024;

export function decodeFeedBytes(input: Uint8Array, contentType?: string): string {
  const bytes = isGzip(input) ? gunzip(input) : input;
  const bom = encodingFromBom(bytes);
  if (bom) return decode(bytes, bom) ?? '';
  const declared = charsetFromContentType(contentType);
  const inDocument = encodingFromDeclaration(bytes);
  for (const label of chooseLabels(bytes, declared, inDocument)) {
    const text = decode(bytes, label);
    if (text !== undefined) return text;
  }
  return decode(bytes, UTF8) ?? '';
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Some servers send `.xml.gz` files as they are, without a Content-Encoding that fetch undoes. */
function gunzip(bytes: Uint8Array): Uint8Array {
  try {
    return gunzipSync(bytes, { maxOutputLength: MAX_UNPACKED_BYTES });
  } catch (error) {
    if (error instanceof RangeError) {
      throw new AppError('too-large', 'The feed is larger than 20 MB once unpacked.');
    }
    throw new AppError('parse', 'The feed is a damaged gzip file.');
  }
}

function chooseLabels(bytes: Uint8Array, declared?: string, inDocument?: string): string[] {
  const labels = [declared, inDocument].filter(
    // Without a BOM (checked above) the bytes are ASCII-compatible whatever a label claims.
    (label): label is string => !!label && !/^(utf-?16|ucs-?2|utf-?32)/i.test(label),
  );
  // Servers and generators disagree often. Other encodings are almost never valid UTF-8 by
  // accident, so whether the bytes are valid UTF-8 settles it.
  if (labels.length === 2 && normalize(labels[0]) !== normalize(labels[1])) {
    const utf8 = labels.filter((label) => normalize(label) === 'utf8');
    if (utf8.length) return isValidUtf8(bytes) ? [UTF8] : labels.filter((l) => !utf8.includes(l));
  }
  // Unlabelled and not UTF-8: the web's legacy default is the likeliest.
  if (!labels.length && !isValidUtf8(bytes)) return [LEGACY_DEFAULT];
  return labels;
}

function normalize(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function encodingFromBom(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return UTF8;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  // `<?` in UTF-16 without a BOM.
  if (bytes[0] === 0x3c && bytes[1] === 0x00 && bytes[2] === 0x3f && bytes[3] === 0x00) {
    return 'utf-16le';
  }
  if (bytes[0] === 0x00 && bytes[1] === 0x3c && bytes[2] === 0x00 && bytes[3] === 0x3f) {
    return 'utf-16be';
  }
  return undefined;
}

function charsetFromContentType(contentType?: string): string | undefined {
  return /;\s*charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType ?? '')?.[1];
}

function encodingFromDeclaration(bytes: Uint8Array): string | undefined {
  const head = String.fromCharCode(...bytes.subarray(0, 1024));
  return /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']\s*([A-Za-z0-9._:-]+)\s*["']/.exec(head)?.[1];
}

function decode(bytes: Uint8Array, label: string): string | undefined {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    // An encoding this runtime does not know.
    return undefined;
  }
  // Some Node versions decode windows-1252 (and its aliases latin1, us-ascii) as ISO-8859-1,
  // turning curly quotes into control characters.
  return decoder.encoding === 'windows-1252' ? decodeWindows1252(bytes) : decoder.decode(bytes);
}

// windows-1252 differs from ISO-8859-1 only in 0x80–0x9F.
const WINDOWS_1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\x80-\x9f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]);
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder(UTF8, { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
