/**
 * Translates the `Eval:` lines of the listparser test suite (Python expressions on listparser's
 * result) into checks on parseOpml's result, where a translation makes sense. listparser's
 * model is flat (feeds with categories, lists, opportunities, meta); ours is a folder tree with
 * problems, so:
 *
 * - feeds: every feed, depth first; a feed's categories are its folder path (when non-empty);
 * - lists: problems saying "a link to another subscription list (<url>)";
 * - meta.title: the document title.
 *
 * Everything else is skipped with the reason why.
 */
import type { OpmlFolder, OpmlParseResult } from '@shared/contract';

export type Verdict =
  { kind: 'pass' } | { kind: 'fail'; detail: string } | { kind: 'skip'; reason: string };

interface FeedView {
  title: string;
  url: string;
  categories: string[][];
}

interface View {
  feeds: FeedView[];
  lists: { title: string; url: string }[];
  title?: string;
}

export function evalLines(source: string): string[] {
  return [...source.matchAll(/^\s*Eval:\s*(.+?)\s*$/gm)].map((match) => match[1]);
}

export function view(result: OpmlParseResult): View {
  const feeds: FeedView[] = [];
  const walk = (folder: OpmlFolder, path: string[]) => {
    for (const feed of folder.feeds) {
      feeds.push({ title: feed.title, url: feed.xmlUrl, categories: path.length ? [path] : [] });
    }
    for (const child of folder.folders) walk(child, [...path, child.title]);
  };
  walk(result.root, []);
  const lists = result.problems.flatMap((problem) => {
    const match = /^a link to another subscription list \((.*)\), not a feed$/.exec(problem.reason);
    return match ? [{ title: problem.outline, url: match[1] }] : [];
  });
  return { feeds, lists, title: result.title };
}

const SKIPS: [RegExp, string][] = [
  [/\['bozo'\]|\["bozo"\]/, 'bozo: no well-formedness flag; broken markup is repaired silently'],
  [/\['version'\]/, 'the OPML version is not reported'],
  [/\['tags'\]/, 'tags are not part of the folder model'],
  [
    /\['opportunities'\]/,
    'opportunities: a feedless outline becomes a problem, its htmlUrl is not kept',
  ],
  [
    /\['meta'\]\.get\(|\['meta'\]\['(created|modified|author)/,
    'head dates and owner are not imported',
  ],
  [/datetime\./, 'head dates and owner are not imported'],
  [/'(created|modified|author)' not in result\['meta'\]/, 'head dates and owner are not imported'],
];

/** `'a'`, `"a"` or `['a', 'b']` as a Python literal, or undefined. */
function literal(text: string): string | string[] | undefined {
  const trimmed = text.trim();
  const string = /^'([^']*)'$|^"([^"]*)"$/.exec(trimmed);
  if (string) return string[1] ?? string[2];
  if (trimmed.startsWith('[') && trimmed.endsWith(']')) {
    return [...trimmed.slice(1, -1).matchAll(/'([^']*)'|"([^"]*)"/g)].map((m) => m[1] ?? m[2]);
  }
  return undefined;
}

/** Path expressions such as `result['feeds'][0]['title']` on the view. */
function lookup(view: View, expression: string): unknown {
  const steps = [...expression.replace(/^result/, '').matchAll(/\[(\d+|'[^']*'|"[^"]*")\]/g)].map(
    (match) => (/^\d+$/.test(match[1]) ? Number(match[1]) : match[1].slice(1, -1)),
  );
  let value: unknown = { feeds: view.feeds, lists: view.lists, meta: { title: view.title } };
  for (const step of steps) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[step];
  }
  return value;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function evaluate(expression: string, result: OpmlParseResult, source: string): Verdict {
  for (const [pattern, reason] of SKIPS) {
    if (pattern.test(expression)) return { kind: 'skip', reason };
  }
  if (/\['categories'\]/.test(expression) && /\bcategory=/.test(source)) {
    return {
      kind: 'skip',
      reason: 'the category attribute is not imported; folders come from nesting',
    };
  }
  const data = view(result);
  const check = (ok: boolean, detail: () => string): Verdict =>
    ok ? { kind: 'pass' } : { kind: 'fail', detail: detail() };
  const path = String.raw`result(?:\[(?:\d+|'[^']*'|"[^"]*")\])+`;

  let match = new RegExp(String.raw`^len\((${path})\) == (\d+)$`).exec(expression);
  if (match) {
    const value = lookup(data, match[1]);
    const length = Array.isArray(value) ? value.length : undefined;
    return check(length === Number(match[2]), () => `${match?.[1]} has length ${length}`);
  }
  match = new RegExp(String.raw`^(${path}) == (${path})$`).exec(expression);
  if (match) {
    const [left, right] = [lookup(data, match[1]), lookup(data, match[2])];
    return check(
      left !== undefined && same(left, right),
      () => `${String(left)} vs ${String(right)}`,
    );
  }
  match = new RegExp(String.raw`^(${path}) == (.+)$`).exec(expression);
  if (match) {
    const expected = literal(match[2]);
    if (expected === undefined) return { kind: 'skip', reason: `untranslated literal ${match[2]}` };
    const actual = lookup(data, match[1]);
    return check(same(actual, expected), () => `got ${JSON.stringify(actual)}`);
  }
  match = /^'(\w+)' not in result\['meta'\]$/.exec(expression);
  if (match) {
    const key = match[1];
    return check(key === 'title' && data.title === undefined, () => `meta has ${key}`);
  }
  match = new RegExp(String.raw`^(.+) in (${path})$`).exec(expression);
  if (match) {
    const needle = literal(match[1]);
    const haystack = lookup(data, match[2]);
    if (needle === undefined) return { kind: 'skip', reason: `untranslated literal ${match[1]}` };
    const ok = Array.isArray(haystack) && haystack.some((item) => same(item, needle));
    return check(ok, () => `${JSON.stringify(needle)} not in ${JSON.stringify(haystack)}`);
  }
  return { kind: 'skip', reason: `untranslated expression` };
}
