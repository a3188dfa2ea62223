/**
 * A forgiving XML tokenizer: one forward pass that jumps between markup with indexOf and
 * sticky regular expressions, several times faster than a character-at-a-time state machine.
 * It reports start tags, end tags, text (entities decoded, CDATA included) and the DOCTYPE;
 * comments and processing instructions are skipped.
 *
 * Forgiving the way real feeds need (and as sax's non-strict mode was): unquoted and valueless
 * attributes, a stray `<` or `&` in text, unclosed elements at the end. It never fetches
 * anything and never expands entities a DTD declares; the internal subset is kept as text.
 */
import { decodeEntities as decodeXmlEntities } from '../../html/entities';

export interface ScanHandler {
  /** `attributes` are [name, value] pairs with names as written and values decoded. */
  openTag(name: string, attributes: [string, string][], selfClosing: boolean): void;
  /** Returns false when the whole document is done (its root element closed). */
  closeTag(name: string): boolean;
  text(value: string): void;
  doctype(value: string): void;
}

// XML 1.0 name characters (the BMP part), as sax reads them.
const NAME_START =
  ':_A-Za-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD';
// Combining marks first: after a letter in a class they would read as one combined character.
const NAME_BODY = `\\u0300-\\u036F${NAME_START}\\u00B7\\u203F-\\u2040.\\d-`;
const NAME = new RegExp(`[${NAME_START}][${NAME_BODY}]*`, 'y');
const IS_NAME_START = new RegExp(`[${NAME_START}]`);
const SPACE = /[ \t\r\n]*/y;
const UNQUOTED_VALUE = /[^ \t\r\n>]*/y;
const DOCTYPE = /<!doctype/iy;

export function scanXml(source: string, handler: ScanHandler): void {
  const length = source.length;
  let position = 0;
  while (position < length) {
    const open = source.indexOf('<', position);
    if (open < 0) {
      handler.text(decodeXmlEntities(source.slice(position)));
      return;
    }
    if (open > position) handler.text(decodeXmlEntities(source.slice(position, open)));
    const next = source.charCodeAt(open + 1);
    if (next === 0x2f /* / */) {
      const end = scanEndTag(source, open, handler);
      if (end < 0) return;
      position = end;
    } else if (next === 0x21 /* ! */) {
      position = scanDeclaration(source, open, handler);
    } else if (next === 0x3f /* ? */) {
      const end = source.indexOf('?>', open + 2);
      position = end < 0 ? length : end + 2;
    } else if (IS_NAME_START.test(source[open + 1] ?? '')) {
      position = scanStartTag(source, open, handler);
    } else {
      // A literal `<` in text (`a < b`).
      handler.text('<');
      position = open + 1;
    }
  }
}

/** Returns the position after the tag, or -1 when the root element closed. */
function scanEndTag(source: string, open: number, handler: ScanHandler): number {
  const nameStart = skip(SPACE, source, open + 2);
  NAME.lastIndex = nameStart;
  const match = NAME.exec(source);
  const close = source.indexOf('>', nameStart);
  const end = close < 0 ? source.length : close + 1;
  if (!match) {
    // `</>` or `</ 3>`: not markup.
    handler.text(source.slice(open, end));
    return end;
  }
  return handler.closeTag(match[0]) ? end : -1;
}

function scanStartTag(source: string, open: number, handler: ScanHandler): number {
  NAME.lastIndex = open + 1;
  const name = NAME.exec(source)?.[0] ?? '';
  const attributes: [string, string][] = [];
  const names = new AttributeNames();
  let position = open + 1 + name.length;
  const length = source.length;
  while (position < length) {
    position = skip(SPACE, source, position);
    const char = source.charCodeAt(position);
    if (char === 0x3e /* > */) {
      handler.openTag(name, attributes, false);
      return position + 1;
    }
    if (char === 0x2f /* / */) {
      if (source.charCodeAt(position + 1) === 0x3e) {
        handler.openTag(name, attributes, true);
        return position + 2;
      }
      position += 1;
      continue;
    }
    NAME.lastIndex = position;
    const attributeName = NAME.exec(source)?.[0];
    if (!attributeName) {
      // A character that cannot start a name (`<a "b">`): skip it, as lenient parsers do.
      position += 1;
      continue;
    }
    position = skip(SPACE, source, position + attributeName.length);
    let value: string;
    if (source.charCodeAt(position) === 0x3d /* = */) {
      position = skip(SPACE, source, position + 1);
      const quote = source[position];
      if (quote === '"' || quote === "'") {
        const close = source.indexOf(quote, position + 1);
        // An unclosed quote swallows the rest: the document ends inside this tag.
        if (close < 0) return length;
        value = decodeXmlEntities(source.slice(position + 1, close));
        position = close + 1;
      } else {
        const start = position;
        position = skip(UNQUOTED_VALUE, source, position);
        value = decodeXmlEntities(source.slice(start, position));
      }
    } else {
      // `<option selected>`: the HTML way, the name stands for the value.
      value = source.charCodeAt(position) === 0x3e ? attributeName : '';
    }
    // A repeated attribute keeps its first value.
    if (!names.has(attributeName.toLowerCase())) {
      names.add(attributeName.toLowerCase());
      attributes.push([attributeName, value]);
    }
  }
  // The document ended inside the tag.
  return length;
}

/**
 * The attribute names of one tag, lower-cased. Tags have a handful, searched in a list; a
 * hostile tag with thousands switches to a set, so the check stays cheap either way.
 */
class AttributeNames {
  private list: string[] = [];
  private set?: Set<string>;

  has(name: string): boolean {
    return this.set ? this.set.has(name) : this.list.includes(name);
  }

  add(name: string): void {
    if (this.set) this.set.add(name);
    else if (this.list.length < 16) this.list.push(name);
    else this.set = new Set([...this.list, name]);
  }
}

function scanDeclaration(source: string, open: number, handler: ScanHandler): number {
  if (source.startsWith('<!--', open)) {
    const end = source.indexOf('-->', open + 4);
    return end < 0 ? source.length : end + 3;
  }
  if (source.startsWith('<![CDATA[', open)) {
    const end = source.indexOf(']]>', open + 9);
    handler.text(source.slice(open + 9, end < 0 ? source.length : end));
    return end < 0 ? source.length : end + 3;
  }
  DOCTYPE.lastIndex = open;
  const isDoctype = DOCTYPE.test(source);
  const end = declarationEnd(source, open + 2);
  if (isDoctype) handler.doctype(source.slice(open + 9, end - 1));
  return end;
}

/**
 * The end of `<!…>`: quotes and a DOCTYPE's `[internal subset]` may hold `>`, and so may the
 * comments inside the subset.
 */
function declarationEnd(source: string, from: number): number {
  let position = from;
  let inSubset = false;
  while (position < source.length) {
    const char = source[position];
    if (char === '"' || char === "'") {
      const close = source.indexOf(char, position + 1);
      if (close < 0) return source.length;
      position = close + 1;
    } else if (inSubset && source.startsWith('<!--', position)) {
      const close = source.indexOf('-->', position + 4);
      if (close < 0) return source.length;
      position = close + 3;
    } else if (char === '[') {
      inSubset = true;
      position += 1;
    } else if (char === ']') {
      inSubset = false;
      position += 1;
    } else if (char === '>' && !inSubset) {
      return position + 1;
    } else {
      position += 1;
    }
  }
  return source.length;
}

function skip(pattern: RegExp, text: string, from: number): number {
  pattern.lastIndex = from;
  return pattern.test(text) ? pattern.lastIndex : from;
}
