// @vitest-environment jsdom
/**
 * Main stores HTML sanitized with sanitize-html; the renderer sanitizes it again with DOMPurify
 * before display. Both follow src/shared/sanitize-policy.ts, so the second pass must find
 * nothing left to remove: the same elements, attributes and text once each output is parsed,
 * whatever the differences in how the two write their markup.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sanitizeHtml } from '@main/html/sanitize-html';
import { parseFeed } from '@main/feeds/parse/parse-feed';
import { sanitizeForDisplay } from '@renderer/lib/sanitize-html';
import { findXssProblems, loadXssVectors } from '../../../fixtures/xss/check-sanitized';

const CORPUS = join(import.meta.dirname, '../../../../../shared/corpora/real-feeds/full');

/**
 * Real feeds with code blocks (some opening with a line feed), tables, frames, srcsets, scripts,
 * styles, svg, no-break spaces, and blocks inside removed wrappers (`<font><p>`).
 */
const FEEDS = [
  'Ranchero-Software__NetNewsWire/3960.json',
  'Ranchero-Software__NetNewsWire/kc0011.rss',
  'Ranchero-Software__NetNewsWire/natasha.xml',
  'danmactough__node-feedparser/intertwingly.atom',
  'danmactough__node-feedparser/tpm.atom',
  'feed-rs__feed-rs/atom__atom_mediarss_reddit_1.xml',
  'feedjira__feedjira/SamRuby.xml',
  'feedjira__feedjira/TrotterCashionHome.xml',
  'rbren__rss-parser/feedburner.atom',
  'spacecowboy__Feeder/rss_cyklistbloggen.xml',
];
/** jsdom's DOMPurify and DOMParser take seconds over a large feed. */
const FEED_TIMEOUT_MS = 30_000;

// DOMParser documents have scripting disabled: parsing the output here cannot run it.
function parse(html: string): HTMLElement {
  return new DOMParser().parseFromString(`<!DOCTYPE html><body>${html}`, 'text/html').body;
}

/** The parsed tree, one line per element (with its attributes) or text node. */
function tree(html: string): string[] {
  const lines: string[] = [];
  const walk = (node: Node, depth: number): void => {
    for (const child of Array.from(node.childNodes)) {
      const indent = '  '.repeat(depth);
      if (child instanceof Element) {
        const attrs = Array.from(child.attributes, (a) => ` ${a.name}=${JSON.stringify(a.value)}`);
        lines.push(`${indent}<${child.localName}${attrs.sort().join('')}>`);
        walk(child, depth + 1);
      } else if (child.nodeType === Node.TEXT_NODE) {
        lines.push(`${indent}${JSON.stringify(child.textContent)}`);
      } else lines.push(`${indent}node type ${child.nodeType}`);
    }
  };
  walk(parse(html), 0);
  return lines;
}

function expectRendererPassChangesNothing(stored: string, label: string): string {
  const shown = sanitizeForDisplay(stored);
  expect(parse(shown).textContent, `${label}: text`).toBe(parse(stored).textContent);
  expect(tree(shown), `${label}: elements and attributes`).toEqual(tree(stored));
  return shown;
}

describe.skipIf(!existsSync(CORPUS))('main then renderer on real feed items', () => {
  it.each(FEEDS)(
    '%s',
    (file) => {
      const feed = parseFeed(readFileSync(join(CORPUS, file)), {
        url: 'https://example.com/feed',
        now: Date.parse('2025-01-01T00:00:00Z'),
      });
      const pieces = feed.items.flatMap((item, i) => [
        { label: `item ${i} summary`, html: item.summary },
        { label: `item ${i} contentHtml`, html: item.contentHtml },
      ]);
      let checked = 0;
      for (const { label, html } of pieces) {
        if (!html) continue;
        const stored = sanitizeHtml(html);
        expect(sanitizeHtml(stored), `${label}: main again`).toBe(stored);
        expectRendererPassChangesNothing(stored, label);
        checked += 1;
      }
      expect(checked).toBeGreaterThan(0);
    },
    FEED_TIMEOUT_MS,
  );
});

describe('main then renderer on markup where the two parsers or serializers differ', () => {
  // Each is written by main exactly as the renderer's DOMPurify writes it back.
  it.each([
    ['a block inside a removed wrapper inside <p>', '<p><font><div>lifted</div></font></p>'],
    ['line feeds opening a <pre>', '<pre>\n\ncode\n</pre>'],
    ['values that could end markup', '<img src="https://e.com/a.png" alt="a />b" title="x-->y">'],
    ['empty and boolean attributes', '<details open><summary>s</summary>d</details><ol reversed>'],
    [
      'void elements and escaping',
      '<p>a&nbsp;b<br/>c &amp; "d" \'e\' &lt;f&gt;</p><p lang="">x</p>',
    ],
    [
      'a frame with fallback content',
      '<p>a<iframe src="https://e.com/v">fall <b>back</b></iframe>b',
    ],
    ['raw text kept as text', '<xmp><b>&amp;</b></xmp><plaintext>rest <i>of it</i>'],
    ['padded link and its own target', '<a href="  https://e.com/  " target="_self" rel="x">x</a>'],
    [
      'srcset candidates',
      '<img srcset="https://e.com/a,b.jpg 300w, https://e.com/c.jpg 2.50x, https://e.com/d 1q">',
    ],
    ['padded values', '<p title=" \u00a0t\u00a0 ">x</p><a href="">empty</a>'],
  ])('%s', (_name, html) => {
    const stored = sanitizeHtml(html);
    expect(sanitizeHtml(stored)).toBe(stored);
    expect(expectRendererPassChangesNothing(stored, html)).toBe(stored);
  });

  it('leaves the table sections the HTML parser adds to the renderer', () => {
    const stored = sanitizeHtml('<table><tr><td>c</td></tr></table>');
    expect(stored).toBe('<table><tr><td>c</td></tr></table>');
    expect(expectRendererPassChangesNothing(stored, 'table')).toBe(
      '<table><tbody><tr><td>c</td></tr></tbody></table>',
    );
  });
});

describe('main then renderer on the XSS corpus', () => {
  const vectors = loadXssVectors();

  it.each(vectors.map((vector, i) => [i + 1, vector.name, vector.html] as const))(
    '%i %s',
    (n, name, html) => {
      const shown = expectRendererPassChangesNothing(sanitizeHtml(html), name);
      expect(findXssProblems(shown, parse(shown), n)).toEqual([]);
    },
  );
});
