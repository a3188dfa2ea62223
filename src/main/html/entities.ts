/**
 * Character references: the XML entities, numeric references and the HTML 4 named entities
 * (feeds use `&nbsp;` and `&eacute;` without declaring them). Unknown names stay as written;
 * entities a DTD declares are never expanded.
 */
import sax from 'sax';

/** `&`, `<` and `>` as references: text that is safe between tags. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

let table: Readonly<Record<string, string>> | undefined;

/** Name → text. A null-prototype object, so `&constructor;` finds nothing. */
export function namedEntities(): Readonly<Record<string, string>> {
  table ??= new sax.SAXParser(false).ENTITIES;
  return table;
}

export function decodeEntities(text: string): string {
  let amp = text.indexOf('&');
  if (amp < 0) return text;
  // A loop rather than a regular expression with a callback: escaped HTML is full of `&lt;`.
  const entities = namedEntities();
  let result = '';
  let copied = 0;
  while (amp >= 0) {
    const semicolon = referenceEnd(text, amp);
    const decoded =
      semicolon < 0 ? undefined : decodeReference(text.slice(amp + 1, semicolon), entities);
    if (decoded === undefined) {
      amp = text.indexOf('&', amp + 1);
      continue;
    }
    result += text.slice(copied, amp) + decoded;
    copied = semicolon + 1;
    amp = text.indexOf('&', copied);
  }
  return copied ? result + text.slice(copied) : text;
}

/** The `;` of a reference starting at `amp`, looked for only as far as a reference can go, so
 * a text full of bare `&` costs linear time. */
function referenceEnd(text: string, amp: number): number {
  const limit = Math.min(text.length, amp + MAX_REFERENCE);
  for (let index = amp + 2; index < limit; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 0x3b /* ; */) return index;
    if (code === 0x26 /* & */ || code === 0x3c /* < */ || code <= 0x20) return -1;
  }
  return -1;
}

const MAX_REFERENCE = 66;
const DECIMAL = /^#[0-9]{1,10}$/;
const HEX = /^#[xX][0-9a-fA-F]{1,8}$/;

function decodeReference(
  ref: string,
  entities: Readonly<Record<string, string>>,
): string | undefined {
  if (ref.charCodeAt(0) === 0x23 /* # */) {
    const hex = HEX.test(ref);
    if (!hex && !DECIMAL.test(ref)) return undefined;
    const code = Number.parseInt(ref.slice(hex ? 2 : 1), hex ? 16 : 10);
    return isXmlChar(code) ? String.fromCodePoint(code) : undefined;
  }
  // The table holds only valid names, so anything else simply misses.
  return entities[ref] ?? entities[ref.toLowerCase()];
}

/** XML 1.0 `Char`: no NUL, C0 controls other than tab and line breaks, or surrogates. */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}
