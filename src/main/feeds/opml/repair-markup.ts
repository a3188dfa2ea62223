/**
 * Token-level repair of the ways real OPML exports break XML, run before the XML parser sees
 * the text. Seen in the wild (awesome-rss-feeds, Plenary and Feedly exports):
 *
 * - a raw `&` that starts no entity (`text="News & Views"`, `xmlUrl="…?a=1&b=2"`);
 * - raw HTML inside an attribute value (`description="by <a href="https://…">Basecamp</a>"`),
 *   whose quotes end the value early and whose `>` ends the tag, losing the xmlUrl after it;
 * - raw quotes inside a value (`text="Газета "Коммерсантъ". Главное"`).
 *
 * The scanner walks tags and attribute values only; everything else (text, comments, CDATA,
 * declarations, end tags) is copied, apart from escaping a stray `&` or `<` in text. A quote
 * ends an attribute value only where a tag could go on (`>`, `/>`, the next `name=`), so quotes
 * that cannot be the end are kept as `&quot;`. Raw tags inside a value are dropped: they are
 * markup the exporter forgot to escape, and their text is what a reader should see.
 *
 * Linear in the input: every lookahead is either bounded or consumes what it scans, and the
 * lookahead for embedded tags has an overall budget.
 */

const ENTITY = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/y;
const MAX_NAME_LOOKAHEAD = 128;
const MAX_EMBEDDED_TAG = 2048;

export function repairMarkup(source: string): string {
  return new Repairer(source).run();
}

class Repairer {
  private readonly out: string[] = [];
  private readonly length: number;
  /** Characters the embedded-tag lookahead may still scan, so hostile input stays linear. */
  private budget: number;

  constructor(private readonly source: string) {
    this.length = source.length;
    this.budget = source.length * 4 + 65_536;
  }

  run(): string {
    const { source } = this;
    let index = 0;
    while (index < this.length) {
      const open = source.indexOf('<', index);
      const stop = open < 0 ? this.length : open;
      this.out.push(this.escapeText(index, stop));
      if (open < 0) break;
      index = this.markup(open);
    }
    return this.out.join('');
  }

  /** At a `<`: copies or repairs one piece of markup and returns where the next one starts. */
  private markup(at: number): number {
    const { source } = this;
    if (source.startsWith('<!--', at)) return this.copyThrough(at, '-->');
    if (source.startsWith('<![CDATA[', at)) return this.copyThrough(at, ']]>');
    if (source.startsWith('<?', at)) return this.copyThrough(at, '?>');
    if (source.startsWith('<!', at) || source[at + 1] === '/') return this.copyThrough(at, '>');
    if (isNameStart(source[at + 1])) return this.startTag(at);
    this.out.push('&lt;');
    return at + 1;
  }

  private copyThrough(at: number, terminator: string): number {
    const end = this.source.indexOf(terminator, at);
    const stop = end < 0 ? this.length : end + terminator.length;
    this.out.push(this.source.slice(at, stop));
    return stop;
  }

  private startTag(at: number): number {
    const { source, out } = this;
    let index = this.nameEnd(at + 1);
    out.push(source.slice(at, index));
    for (;;) {
      const spaced = skipSpace(source, index);
      out.push(source.slice(index, spaced));
      index = spaced;
      const char = source[index];
      if (char === undefined) return index;
      if (char === '>') {
        out.push('>');
        return index + 1;
      }
      if (char === '/' && source[index + 1] === '>') {
        out.push('/>');
        return index + 2;
      }
      // A new tag before this one ended: most likely a leaf that lost its `/>`.
      if (char === '<') {
        out.push('/>');
        return index;
      }
      const nameEnd = this.attributeNameEnd(index, this.length);
      if (nameEnd === index) {
        index += 1; // A stray quote, `=` or `/` where a name belongs carries nothing: drop it.
        continue;
      }
      out.push(source.slice(index, nameEnd));
      const equals = skipSpace(source, nameEnd);
      if (source[equals] !== '=') {
        index = nameEnd; // A name without a value (`xmlns`): the parser copes.
        continue;
      }
      out.push('=');
      index = this.attributeValue(skipSpace(source, equals + 1));
    }
  }

  /** Writes the value starting at `at` as a well-formed quoted value; returns the index after it. */
  private attributeValue(at: number): number {
    const { source } = this;
    const quote = source[at];
    if (quote !== '"' && quote !== "'") {
      let end = at;
      while (end < this.length && !/[\s>]/.test(source[end]) && !source.startsWith('/>', end)) {
        end += 1;
      }
      this.out.push('"', escapeValue(source.slice(at, end), '"'), '"');
      return end;
    }
    const parts: string[] = [quote];
    let index = at + 1;
    let run = index;
    const flush = (to: number) => {
      if (to > run) parts.push(source.slice(run, to));
    };
    while (index < this.length) {
      const char = source[index];
      if (char === quote) {
        if (this.endsValue(index + 1)) {
          flush(index);
          parts.push(quote);
          this.out.push(parts.join(''));
          return index + 1;
        }
        flush(index);
        parts.push(quote === '"' ? '&quot;' : '&apos;');
        run = index += 1;
      } else if (char === '&') {
        if (isEntityAt(source, index)) {
          index += 1;
          continue;
        }
        flush(index);
        parts.push('&amp;');
        run = index += 1;
      } else if (char === '<') {
        flush(index);
        const end = this.embeddedTagEnd(index);
        if (end < 0) parts.push('&lt;');
        run = index = end < 0 ? index + 1 : end;
      } else if (char === '>') {
        flush(index);
        parts.push('&gt;');
        run = index += 1;
      } else {
        index += 1;
      }
    }
    // The value never ended: close it so the parser keeps what there is.
    flush(index);
    parts.push(quote);
    this.out.push(parts.join(''));
    return index;
  }

  /** Whether a quote just before `at` can end a value: the tag ends or another attribute follows. */
  private endsValue(at: number): boolean {
    const { source } = this;
    const next = skipSpace(source, at);
    const char = source[next];
    if (char === undefined || char === '>') return true;
    if (char === '/') return source[next + 1] === '>';
    const nameEnd = this.attributeNameEnd(next, next + MAX_NAME_LOOKAHEAD);
    if (nameEnd === next) return false;
    return source[skipSpace(source, nameEnd)] === '=';
  }

  /** End of a raw HTML tag (`<a href="…">`, `</a>`) at `at` inside a value, or -1 if none. */
  private embeddedTagEnd(at: number): number {
    if (this.budget <= 0) return -1;
    const { source } = this;
    const limit = Math.min(this.length, at + MAX_EMBEDDED_TAG);
    let index = at + 1;
    const closing = source[index] === '/';
    if (closing) index += 1;
    if (!/[A-Za-z]/.test(source[index] ?? '')) return -1;
    while (index < limit && /[A-Za-z0-9-]/.test(source[index])) index += 1;
    const result = closing ? this.closingTagEnd(index) : this.openingTagRest(index, limit);
    this.budget -= (result < 0 ? limit : result) - at;
    return result;
  }

  private closingTagEnd(at: number): number {
    const index = skipSpace(this.source, at);
    return this.source[index] === '>' ? index + 1 : -1;
  }

  private openingTagRest(at: number, limit: number): number {
    const { source } = this;
    let index = at;
    while (index < limit) {
      const spaced = skipSpace(source, index);
      if (source[spaced] === '>') return spaced + 1;
      if (source.startsWith('/>', spaced)) return spaced + 2;
      if (spaced === index || spaced >= limit) return -1;
      const nameEnd = this.attributeNameEnd(spaced, limit);
      if (nameEnd === spaced) return -1;
      index = nameEnd;
      const equals = skipSpace(source, nameEnd);
      if (source[equals] !== '=') continue;
      const valueStart = skipSpace(source, equals + 1);
      const quote = source[valueStart];
      if (quote === '"' || quote === "'") {
        const close = indexBefore(source, quote, valueStart + 1, limit);
        if (close < 0) return -1;
        index = close + 1;
      } else {
        index = valueStart;
        while (index < limit && /[^\s"'<>=`]/.test(source[index])) index += 1;
        if (index === valueStart) return -1;
      }
    }
    return -1;
  }

  private nameEnd(at: number): number {
    let index = at;
    while (index < this.length && /[^\s/>"'=<]/.test(this.source[index])) index += 1;
    return index;
  }

  private attributeNameEnd(at: number, limit: number): number {
    let index = at;
    const stop = Math.min(limit, this.length);
    while (index < stop && /[^\s/>"'=<]/.test(this.source[index])) index += 1;
    return index;
  }

  /** Text between tags: only a raw `&` needs escaping (a raw `<` is handled as markup). */
  private escapeText(from: number, to: number): string {
    const { source } = this;
    let amp = indexBefore(source, '&', from, to);
    if (amp < 0) return source.slice(from, to);
    const parts: string[] = [];
    let run = from;
    while (amp >= 0) {
      if (!isEntityAt(source, amp)) {
        parts.push(source.slice(run, amp), '&amp;');
        run = amp + 1;
      }
      amp = indexBefore(source, '&', amp + 1, to);
    }
    parts.push(source.slice(run, to));
    return parts.join('');
  }
}

/** indexOf that stops at `end`: searching the rest of a large document each time is quadratic. */
function indexBefore(source: string, search: string, from: number, end: number): number {
  for (let index = from; index < end; index += 1) if (source[index] === search) return index;
  return -1;
}

function isNameStart(char: string | undefined): boolean {
  return char !== undefined && /[A-Za-z_:\u00C0-\uFFFF]/.test(char);
}

function isEntityAt(source: string, at: number): boolean {
  ENTITY.lastIndex = at;
  return ENTITY.test(source);
}

function skipSpace(source: string, at: number): number {
  let index = at;
  while (index < source.length && /\s/.test(source[index])) index += 1;
  return index;
}

function escapeValue(value: string, quote: '"'): string {
  let result = '';
  for (let index = 0; index < value.length; index += 1) {
    const char = value[index];
    if (char === '&') result += isEntityAt(value, index) ? '&' : '&amp;';
    else if (char === '<') result += '&lt;';
    else if (char === quote) result += '&quot;';
    else result += char;
  }
  return result;
}
