/**
 * The metadata block at the top of a Markdown file, as static-site generators write it: YAML
 * between `---` lines, or TOML between `+++` lines. Only the flat subset articles use is read
 * (strings, quoted strings, `[a, b]` and `- item` lists, one level of nesting, block scalars);
 * anything else is skipped rather than refused, since the file is still worth importing.
 */

export type FrontMatterValue = string | string[];

export interface FrontMatter {
  /** Keys lower-cased; a nested key is joined with a dot: `author.name`. */
  data: Record<string, FrontMatterValue>;
  /** The Markdown after the block (all of it when there is none). */
  body: string;
}

const BLOCK = /^(---|\+\+\+)[ \t]*\n([\s\S]*?)\n(?:\1|\.\.\.)[ \t]*(?:\n|$)/;

export function splitFrontMatter(text: string): FrontMatter {
  const match = BLOCK.exec(text);
  if (!match) return { data: {}, body: text };
  const toml = match[1] === '+++';
  return { data: parseBlock(match[2] ?? '', toml), body: text.slice(match[0].length) };
}

function parseBlock(block: string, toml: boolean): Record<string, FrontMatterValue> {
  const data: Record<string, FrontMatterValue> = {};
  const lines = block.split('\n');
  const pair = toml ? /^([\w.-]+)\s*=\s*(.*)$/ : /^([\w.-]+)\s*:(?:\s+(.*)|\s*)$/;
  let parent: string | undefined;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (!line.trim() || /^\s*#/.test(line)) continue;
    const indented = /^\s/.test(line);
    const match = pair.exec(line.trim());
    if (!match) continue;
    const key = (match[1] ?? '').toLowerCase();
    const raw = (match[2] ?? '').trim();
    if (indented && parent === undefined) continue;
    const name = indented && parent ? `${parent}.${key}` : key;
    if (!indented) parent = undefined;
    if (raw === '' && !toml) {
      // A list of `- item` lines, or a map one level deep, follows.
      const items: string[] = [];
      while (/^\s*-\s+/.test(lines[i + 1] ?? '')) {
        i += 1;
        items.push(scalar((lines[i] ?? '').replace(/^\s*-\s+/, '')));
      }
      if (items.length) data[name] = items;
      else if (!indented) parent = key;
      continue;
    }
    if (/^[|>][+-]?$/.test(raw)) {
      const folded: string[] = [];
      while (/^\s+\S/.test(lines[i + 1] ?? '') || (lines[i + 1] ?? '') === '') {
        if (i + 1 >= lines.length) break;
        i += 1;
        folded.push((lines[i] ?? '').trim());
      }
      data[name] = folded.join(raw.startsWith('|') ? '\n' : ' ').trim();
      continue;
    }
    data[name] = raw.startsWith('[') && raw.endsWith(']') ? list(raw) : scalar(raw);
  }
  return data;
}

function list(raw: string): string[] {
  const items: string[] = [];
  for (const match of raw.slice(1, -1).matchAll(/\s*("(?:[^"\\]|\\.)*"|'[^']*'|[^,]+)\s*,?/g)) {
    const item = scalar(match[1] ?? '');
    if (item) items.push(item);
  }
  return items;
}

function scalar(raw: string): string {
  const value = raw.trim();
  if (value.startsWith('"')) {
    const end = value.lastIndexOf('"');
    const inner = end > 0 ? value.slice(1, end) : value.slice(1);
    return inner.replace(/\\(["\\nt])/g, (_, c: string) =>
      c === 'n' ? '\n' : c === 't' ? '\t' : c,
    );
  }
  if (value.startsWith("'")) {
    const end = value.lastIndexOf("'");
    return (end > 0 ? value.slice(1, end) : value.slice(1)).replace(/''/g, "'");
  }
  // A comment ends an unquoted value only after whitespace: URLs keep their #fragment. Found
  // with a fixed two-character search: /\s+#.*$/ retried at every space of a long run of them.
  const comment = value.search(/\s#/);
  return comment < 0 ? value : value.slice(0, comment).trimEnd();
}
