/**
 * How a value of ours compares with feedparser's for the same key: our titles are plain text,
 * our HTML is as published rather than sanitized, our dates are epoch milliseconds.
 */
import { sanitizeHtml } from '@main/html/sanitize-html';
import { escapeHtml, htmlToText } from '@main/html/text';
import { Leaf, NotApplicable } from './values';

export function textLeaf(ours: string | undefined): Leaf {
  // Our titles are plain text; feedparser's are text or (sanitized) HTML depending on the type
  // it guessed. Either reading of its value matching ours is a match.
  return new Leaf(
    ours,
    (value, expected) => {
      if (typeof expected !== 'string') return false;
      const text = collapse(String(value));
      return text === collapse(expected) || text === htmlToText(expected);
    },
    (expected) => {
      if (typeof expected === 'string' && /<[a-z]/i.test(expected) && !htmlToText(expected)) {
        throw new NotApplicable('the expected text is markup without text (an image)');
      }
    },
  );
}

export function htmlLeaf(ours: string | undefined): Leaf {
  return new Leaf(ours, (value, expected) => {
    if (typeof expected !== 'string') return false;
    return sameHtml(String(value), expected);
  });
}

export function exactLeaf(ours: string | undefined): Leaf {
  return new Leaf(
    ours,
    (value, expected) =>
      typeof expected === 'string' && collapse(String(value)) === collapse(expected),
  );
}

export function urlLeaf(ours: string | undefined): Leaf {
  return new Leaf(ours, (value, expected) => sameUrl(String(value), expected));
}

/** feedparser's `author` is `Name (email)`; ours is the name alone. */
export function authorLeaf(ours: string | undefined): Leaf {
  return new Leaf(ours, (value, expected) => {
    if (typeof expected !== 'string') return false;
    const name = collapse(String(value));
    const parts = /^(.*?)\s*\(([^()]*)\)$/.exec(expected.trim());
    const candidates = [expected, ...(parts ? [parts[1], parts[2]] : [])].map(collapse);
    return candidates.filter((candidate) => !/^\S+@\S+$/.test(candidate)).includes(name);
  });
}

/** feedparser's `*_parsed` is a UTC `time.struct_time`: (year, month, day, h, m, s, …). */
export function dateLeaf(ours: number | undefined): Leaf {
  return new Leaf(ours, (value, expected) => {
    if (!Array.isArray(expected) || expected.length < 6) return false;
    const [year, month, day, hour, minute, second] = expected.map(Number);
    const utc = Date.UTC(year, month - 1, day, hour, minute, second);
    return Math.floor(Number(value) / 1000) * 1000 === utc;
  });
}

export function sameUrl(ours: string, expected: unknown): boolean {
  if (typeof expected !== 'string') return false;
  return normalizeUrl(ours) === normalizeUrl(expected);
}

function normalizeUrl(url: string): string {
  try {
    return new URL(url.trim()).href;
  } catch {
    return url.trim();
  }
}

/**
 * Our HTML is as published; feedparser's went through its sanitizer and serializer. Both put
 * through our sanitizer (which also serializes one way), with whitespace collapsed and a bare
 * wrapping div dropped, the same content reads the same. feedparser returns `text` constructs
 * unescaped where we escape them into HTML, so its value read as text counts as well.
 */
export function sameHtml(ours: string, expected: string): boolean {
  const canonical = canonicalHtml(ours);
  return canonical === canonicalHtml(expected) || canonical === canonicalHtml(escapeHtml(expected));
}

function canonicalHtml(html: string): string {
  // feedparser drops embedded frames and plugins but keeps their text; our sanitizer turns
  // them into links, a policy outside the parser. Neither counts here.
  const unembedded = html.replace(/<\/?(?:iframe|frame|embed|object|applet)\b[^>]*>/gi, '');
  // Wrapped, so the sanitizer parses and reserializes text-only fragments too (entities).
  const sanitized = sanitizeHtml(`<div>${unembedded}</div>`).replace(
    /^<div>([\s\S]*)<\/div>$/,
    '$1',
  );
  const text = collapse(sanitized)
    // The same URL written as an IRI or percent-encoded.
    .replace(/\b(href|src)="([^"]*)"/g, (_, name: string, url: string) => {
      return `${name}="${escapeHtml(normalizeUrl(url.replace(/&amp;/g, '&')))}"`;
    })
    .replace(/>\s+</g, '><')
    .replace(/\s*(<\/?(?:p|div|br|li|ul|ol)\b[^>]*>)\s*/gi, '$1');
  const wrapped = /^<div>([\s\S]*)<\/div>$/.exec(text);
  return wrapped && !/<\/?div\b/i.test(wrapped[1]) ? wrapped[1] : text;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
