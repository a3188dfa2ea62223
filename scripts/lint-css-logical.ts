/**
 * `npm run lint:css`: the renderer's CSS says start and end, never left and right, so the whole
 * interface mirrors when the document is right to left (Arabic, Hebrew) with no second style
 * sheet. Refused, with the logical property to use instead:
 * - physical properties: margin-left, padding-right, border-left(-*), left/right offsets,
 *   border-top-left-radius…, scroll-margin/padding-left…;
 * - left/right values: text-align, float, clear, caption-side… (`start`/`end`,
 *   `inline-start`/`inline-end`), and `to left/right` gradients (use borders or :dir());
 * - four-value margin, padding, inset, border-width/-style/-color whose left and right differ,
 *   and border-radius whose corners differ between the two sides (one side's value is then
 *   tied to a physical side: write the inline sides out as logical properties).
 * A reviewed exception carries `/* logical-css-ok: <why> *\/` in the declaration's own rule.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface Finding {
  line: number;
  declaration: string;
  advice: string;
}

const SIDES = /^(?:margin|padding|border|scroll-margin|scroll-padding)-(left|right)(-.*)?$/;
const CORNER = /^border-(top|bottom)-(left|right)-radius$/;
const SIDE_VALUE_PROPERTIES = new Set(['text-align', 'text-align-last', 'float', 'clear']);
const FOUR_SIDED = new Set([
  'margin',
  'padding',
  'inset',
  'border-width',
  'border-style',
  'border-color',
  'scroll-margin',
  'scroll-padding',
]);

/** Splits a value on top-level spaces (not inside calc(), var() or other functions). */
function parts(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of value.trim()) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (/\s/.test(char) && depth === 0) {
      if (current) out.push(current);
      current = '';
    } else current += char;
  }
  if (current) out.push(current);
  return out;
}

function adviceFor(property: string, value: string): string | undefined {
  const side = SIDES.exec(property);
  if (side) {
    const logical = side[1] === 'left' ? 'inline-start' : 'inline-end';
    return `use ${property.replace(/-(left|right)/, `-${logical}`)}`;
  }
  const corner = CORNER.exec(property);
  if (corner) {
    const block = corner[1] === 'top' ? 'start' : 'end';
    const inline = corner[2] === 'left' ? 'start' : 'end';
    return `use border-${block}-${inline}-radius`;
  }
  if (property === 'left' || property === 'right')
    return `use inset-inline-${property === 'left' ? 'start' : 'end'}`;
  if (SIDE_VALUE_PROPERTIES.has(property) && /\b(left|right)\b/.test(value))
    return property.startsWith('text-align')
      ? 'use start or end'
      : 'use inline-start or inline-end';
  if (/\bto\s+(?:(?:top|bottom)\s+)?(left|right)\b/.test(value))
    return 'a gradient toward a physical side does not mirror: use a logical border or :dir()';
  const values = parts(value.replace(/!important\s*$/, ''));
  if (FOUR_SIDED.has(property) && values.length === 4 && values[1] !== values[3])
    return `left and right differ: set ${property}-block and ${property}-inline-start/-end`;
  if (property === 'border-radius') {
    // Before any "/" (elliptical corners): top-left, top-right, bottom-right, bottom-left.
    const corners = parts(value.split('/')[0]!);
    const [tl, tr = tl, br = tl, bl = tr] = corners;
    if (tl !== tr || br !== bl)
      return 'corners differ left to right: use border-start-start-radius and friends';
  }
  return undefined;
}

/** Each declaration in `css` that would not mirror in a right-to-left document. */
export function physicalDeclarations(css: string): Finding[] {
  const findings: Finding[] = [];
  // Comments out, keeping line numbers; a rule that says why it is exempt keeps its marker.
  const exempt = new Set<number>();
  const text = css.replace(/\/\*[\s\S]*?\*\//g, (comment, offset: number) => {
    if (/logical-css-ok:\s*\S/.test(comment)) exempt.add(offset);
    return comment.replace(/[^\n]/g, ' ');
  });
  const exemptBlocks: [number, number][] = [];
  for (const at of exempt) {
    const open = text.lastIndexOf('{', at);
    const close = text.indexOf('}', at);
    if (open >= 0 && close >= 0 && text.lastIndexOf('}', at) < open)
      exemptBlocks.push([open, close]);
  }
  const declaration = /(?<=[{;]\s*)(-?[a-z-]+)\s*:\s*([^;{}]+?)\s*(?=;|})/g;
  for (const match of text.matchAll(declaration)) {
    const [, property, value] = match as unknown as [string, string, string];
    const at = match.index;
    if (exemptBlocks.some(([open, close]) => at > open && at < close)) continue;
    const advice = adviceFor(property.toLowerCase(), value.toLowerCase());
    if (advice)
      findings.push({
        line: text.slice(0, at).split('\n').length,
        declaration: `${property}: ${value}`,
        advice,
      });
  }
  return findings;
}

function cssFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(entry.parentPath, entry.name);
    if (entry.isDirectory()) return cssFiles(path);
    return entry.name.endsWith('.css') ? [path] : [];
  });
}

/** `lint-css-logical.ts [dir]`: src/renderer by default. */
function main(args: string[]): void {
  const root = resolve(import.meta.dirname, '..');
  const dir = resolve(args[0] ?? join(root, 'src/renderer'));
  let count = 0;
  for (const file of cssFiles(dir).sort()) {
    for (const finding of physicalDeclarations(readFileSync(file, 'utf8'))) {
      count++;
      console.log(
        `${relative(root, file)}:${finding.line}  ${finding.declaration}  — ${finding.advice}`,
      );
    }
  }
  console.log(
    count === 0
      ? 'Logical CSS: every rule mirrors right to left.'
      : `Logical CSS: ${count} declaration(s) tied to left or right.`,
  );
  process.exitCode = count === 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2));
}
