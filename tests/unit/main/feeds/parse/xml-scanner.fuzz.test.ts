/**
 * The XML scanner under fuzzing: it reads anything without throwing and reports only names
 * that are names; and a well-formed document written from a random tree (escaped text and
 * attributes, CDATA, comments, processing instructions) scans back to exactly that tree.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { scanXml, type ScanHandler } from '@main/feeds/parse/xml-scanner';
import { fuzz, fuzzTimeoutMs } from '../../../fuzz';
import { hostileFeed, markup } from './hostile-xml';

const TARGET = 'main/feeds/parse/xml-scanner';
const NAME = /^[:_A-Za-z\u00C0-\uFFFD][\w:.\-\u00B7\u00C0-\uFFFD]*$/u;

interface Tree {
  name: string;
  attributes: [string, string][];
  children: (Tree | string)[];
}

/** Scans `source` into a tree (texts joined), checking each event on the way. */
function scanToTree(source: string): Tree {
  const root: Tree = { name: '#document', attributes: [], children: [] };
  const stack = [root];
  const top = () => stack[stack.length - 1];
  const handler: ScanHandler = {
    openTag(name, attributes, selfClosing) {
      if (!NAME.test(name)) throw new Error(`tag name ${JSON.stringify(name)}`);
      const lower = attributes.map(([attribute]) => attribute.toLowerCase());
      if (new Set(lower).size !== lower.length) throw new Error('repeated attribute');
      for (const [attribute, value] of attributes) {
        if (!NAME.test(attribute)) throw new Error(`attribute name ${JSON.stringify(attribute)}`);
        if (typeof value !== 'string') throw new Error('attribute value');
      }
      const element: Tree = { name, attributes, children: [] };
      top().children.push(element);
      if (!selfClosing) stack.push(element);
    },
    closeTag(name) {
      if (!NAME.test(name)) throw new Error(`end tag name ${JSON.stringify(name)}`);
      const index = stack.findLastIndex((element) => element.name === name);
      if (index > 0) stack.length = index;
      return stack.length > 1 || index < 0;
    },
    text(value) {
      if (!value) return;
      const children = top().children;
      const last = children.length - 1;
      if (typeof children[last] === 'string') children[last] += value;
      else children.push(value);
    },
    doctype() {},
  };
  scanXml(source, handler);
  return root;
}

// Text and attribute values as XML allows them (no surrogate halves, no NUL).
const xmlText = fc
  .string({ unit: 'grapheme', maxLength: 12 })
  .map((text) => text.replace(/\0/g, ''));
const name = fc.constantFrom('a', 'item', 'dc:date', 'x-y', 'é', '_z.1', 'media:content', 'T');
const escapeText = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree; node: Tree | string }>((tie) => ({
  tree: fc.record({
    name,
    attributes: fc.uniqueArray(fc.tuple(name, xmlText), {
      maxLength: 3,
      selector: ([attribute]) => attribute.toLowerCase(),
    }),
    children: fc.array(tie('node'), { maxLength: 4 }),
  }),
  node: fc.oneof({ depthSize: 'small', maxDepth: 4 }, xmlText.filter(Boolean), tie('tree')),
})).tree;

/** Writes the tree as XML; texts as escaped text, CDATA or split by comments and PIs. */
function write(element: Tree, style: number): string {
  const attributes = element.attributes
    .map(([attribute, value]) => ` ${attribute}="${escapeText(value).replace(/"/g, '&quot;')}"`)
    .join('');
  if (!element.children.length && style % 2) return `<${element.name}${attributes}/>`;
  const body = element.children
    .map((child, index) => {
      if (typeof child !== 'string') return write(child, style + index);
      if ((style + index) % 3 === 0 && !child.includes(']]>')) return `<![CDATA[${child}]]>`;
      const half = Math.floor(child.length / 2);
      const between = (style + index) % 3 === 1 ? '<!-- c -->' : '<?pi x?>';
      return escapeText(child.slice(0, half)) + between + escapeText(child.slice(half));
    })
    .join('');
  return `<${element.name}${attributes}>${body}</${element.name}>`;
}

/** The tree with adjacent texts joined, as the scanner reports them. */
function normalize(element: Tree): Tree {
  const children: (Tree | string)[] = [];
  for (const child of element.children) {
    const last = children.length - 1;
    if (typeof child === 'string' && typeof children[last] === 'string') children[last] += child;
    else children.push(typeof child === 'string' ? child : normalize(child));
  }
  return { ...element, children: children.filter((child) => child !== '') };
}

const run = { timeout: fuzzTimeoutMs() };

describe('scanXml under fuzzing', () => {
  it('never throws and reports only names, on anything', run, async () => {
    await fuzz(
      TARGET,
      'never throws; tag and attribute names are XML names, attributes unique',
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), markup(4), hostileFeed),
        (source) => {
          scanToTree(source);
        },
      ),
    );
  });

  it('reads text without markup back as it is', run, async () => {
    await fuzz(
      TARGET,
      'text without < or & scans to itself',
      fc.property(
        fc.string({ unit: 'binary' }).map((text) => text.replace(/[<&]/g, '')),
        (text) => {
          const { children } = scanToTree(text);
          return text ? children.length === 1 && children[0] === text : children.length === 0;
        },
      ),
    );
  });

  it('scans a document written from a random tree back to that tree', run, async () => {
    await fuzz(
      TARGET,
      'write(tree) scans back to tree (escapes, CDATA, comments, PIs, self-closing tags)',
      fc.property(
        tree,
        fc.nat(5),
        fc.constantFrom('', '<?xml version="1.0"?>\n', '<!DOCTYPE x [<!ENTITY a "b>">]>'),
        (element, style, prolog) => {
          const scanned = scanToTree(prolog + write(element, style));
          const children = scanned.children.filter(
            (child) => typeof child !== 'string' || child.trim(),
          );
          if (children.length !== 1) return false;
          return JSON.stringify(children[0]) === JSON.stringify(normalize(element));
        },
      ),
    );
  });
});
