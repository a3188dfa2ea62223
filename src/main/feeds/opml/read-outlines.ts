/**
 * OPML text (already repaired) to a bare outline tree: the head's title and every `<outline>`
 * under `<body>` with its attributes. What the outlines mean is decided by parse-opml.ts.
 *
 * sax in forgiving mode copes with unclosed and stray end tags and decodes HTML entities. The
 * text is wrapped in one synthetic element so that concatenated documents (seen in the wild:
 * two `<opml>` roots in one file) are all read. Nesting and count are capped while reading.
 */
import sax from 'sax';
import type { QualifiedTag, Tag } from 'sax';
import { AppError } from '../../../shared/result';
import { MAX_FOLDER_DEPTH, MAX_OUTLINES } from './opml-limits';

export interface OutlineNode {
  /** Attribute names lowercased (`xmlURL` and `xmlUrl` are the same), values as decoded. */
  attributes: Map<string, string>;
  children: OutlineNode[];
  /**
   * Nested deeper than folders may go: it cannot be a folder, and the outlines inside it were
   * put beside it instead.
   */
  tooDeep?: boolean;
}

export interface OutlineDocument {
  title?: string;
  outlines: OutlineNode[];
  /** The outline cap was reached; the rest of the document was not read. */
  truncated: boolean;
}

interface OutlineFrame {
  kind: 'outline';
  node: OutlineNode;
  /** Where outlines opened inside this one go: its children, or beside it when too deep. */
  container: OutlineNode[];
  depth: number;
}

type Frame =
  { kind: 'wrapper' | 'opml' | 'head' | 'title' | 'other' } | { kind: 'body' } | OutlineFrame;

const WRAPPER = 'broadsheet-opml-documents';

/** Thrown from inside sax's callbacks to stop reading; never leaves this module. */
class StopReading extends Error {}

export function readOutlines(text: string): OutlineDocument {
  const parser = sax.parser(false, { lowercase: true, trim: false, normalize: false });
  const stack: Frame[] = [];
  const outlines: OutlineNode[] = [];
  const titleParts: string[] = [];
  let titleDone = false;
  let rootName: string | undefined;
  let rootTag: string | undefined;
  let count = 0;
  let truncated = false;

  parser.onopentag = (tag: Tag | QualifiedTag) => {
    const name = localName(tag.name);
    const parent = stack.at(-1);
    if (!parent) {
      stack.push({ kind: 'wrapper' });
      return;
    }
    switch (parent.kind) {
      case 'wrapper':
        rootTag ??= tag.name;
        rootName ??= name;
        if (rootName !== 'opml') throw new StopReading();
        stack.push({ kind: name === 'opml' ? 'opml' : 'other' });
        return;
      case 'opml':
        stack.push({ kind: name === 'head' || name === 'body' ? name : 'other' });
        return;
      case 'head':
        stack.push({ kind: name === 'title' && !titleDone ? 'title' : 'other' });
        return;
      case 'body':
      case 'outline':
        if (name !== 'outline') break;
        count += 1;
        if (count > MAX_OUTLINES) {
          truncated = true;
          throw new StopReading();
        }
        stack.push(openOutline(parent, tag));
        return;
    }
    stack.push({ kind: 'other' });
  };

  const openOutline = (
    parent: { kind: 'body' } | OutlineFrame,
    tag: Tag | QualifiedTag,
  ): OutlineFrame => {
    const node: OutlineNode = { attributes: readAttributes(tag), children: [] };
    let container = outlines;
    let depth = 1;
    if (parent.kind === 'outline') {
      container = parent.container;
      depth = parent.depth + 1;
    }
    container.push(node);
    if (depth <= MAX_FOLDER_DEPTH) {
      return { kind: 'outline', node, container: node.children, depth };
    }
    // Too deep to be a folder: whatever it contains goes beside it, at the deepest level.
    node.tooDeep = true;
    return { kind: 'outline', node, container, depth: depth - 1 };
  };

  parser.onclosetag = () => {
    const frame = stack.pop();
    if (frame?.kind === 'title') titleDone = true;
  };

  const onText = (value: string) => {
    if (stack.at(-1)?.kind === 'title') titleParts.push(value);
  };
  parser.ontext = onText;
  parser.oncdata = onText;

  parser.onerror = () => {
    // Forgiving mode reports only what it has already recovered from (a truncated document,
    // an oversized name); keep going with what was read.
    parser.resume();
  };

  try {
    parser.write(`<${WRAPPER}>${text}</${WRAPPER}>`).close();
  } catch (error) {
    if (!(error instanceof StopReading)) {
      const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new AppError('parse', 'main.opml.unreadable', { detail });
    }
  }

  if (rootName !== 'opml') throw notOpml(rootName, rootTag);
  const title = titleParts.join('');
  return { title: title || undefined, outlines, truncated };
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon >= 0 ? name.slice(colon + 1) : name;
}

function readAttributes(tag: Tag | QualifiedTag): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const [name, value] of Object.entries(tag.attributes)) {
    attributes.set(name.toLowerCase(), typeof value === 'string' ? value : value.value);
  }
  return attributes;
}

function notOpml(rootName: string | undefined, rootTag: string | undefined): AppError {
  if (rootName === undefined) return new AppError('parse', 'main.opml.noElements');
  if (rootName === 'html') return new AppError('parse', 'main.opml.webPage');
  if (rootName === 'rss' || rootName === 'feed') return new AppError('parse', 'main.opml.aFeed');
  // The tags are values: a message's own `<…>` would read as markup to the formatter.
  return new AppError('parse', 'main.opml.otherRoot', {
    tag: `<${rootTag ?? rootName}>`,
    opml: '<opml>',
  });
}
