import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '../../..');

/** scripts/lint-css-logical.ts, by path: the scripts project is built after the tests'. */
const { physicalDeclarations } = (await import(path.join(REPO, 'scripts/lint-css-logical.ts'))) as {
  physicalDeclarations(css: string): { line: number; declaration: string; advice: string }[];
};

const refused = (css: string) => physicalDeclarations(css).map((f) => f.declaration);

describe('physicalDeclarations', () => {
  it('refuses left and right properties, values and gradients, with the logical advice', () => {
    const css = `.a {
  margin-left: 4px;
  padding-right: 2px;
  border-left: 1px solid red;
  border-right-color: blue;
  left: 0;
  right: auto;
  border-top-left-radius: 3px;
  text-align: right;
  float: left;
  clear: right;
  background: linear-gradient(to right, red, blue);
}`;
    const findings = physicalDeclarations(css);
    expect(findings.map((f) => f.declaration)).toEqual([
      'margin-left: 4px',
      'padding-right: 2px',
      'border-left: 1px solid red',
      'border-right-color: blue',
      'left: 0',
      'right: auto',
      'border-top-left-radius: 3px',
      'text-align: right',
      'float: left',
      'clear: right',
      'background: linear-gradient(to right, red, blue)',
    ]);
    expect(findings[0]).toMatchObject({ line: 2, advice: 'use margin-inline-start' });
    expect(findings[4]!.advice).toBe('use inset-inline-start');
    expect(findings[6]!.advice).toBe('use border-start-start-radius');
  });

  it('refuses shorthands whose left and right differ, and lets symmetric ones pass', () => {
    expect(
      refused(`.a { padding: 4px 16px 4px 0; margin: 0 auto; inset: 0 -4px; padding: 1px 2px 3px;
        margin: calc(1px + 2px) 3px 0 3px; border-radius: 4px 0 0 4px; border-radius: 6px;
        border-radius: 4px 4px 0 0; border-width: 0 0 1px 1px }`),
    ).toEqual([
      'padding: 4px 16px 4px 0',
      'border-radius: 4px 0 0 4px',
      'border-width: 0 0 1px 1px',
    ]);
  });

  it('lets logical properties, comments, selectors and media queries pass', () => {
    expect(
      refused(`/* margin-left: 4px; */
@media (prefers-color-scheme: dark) { :root:not([data-theme]) { --bg: #000; } }
.a:hover { margin-inline-start: 4px; text-align: start; float: inline-end; inset-inline-end: 0 }
.b { transition: left 1s; --side: left; }`),
    ).toEqual([]);
  });

  it('skips a rule that says why it is exempt', () => {
    expect(refused(`.a { /* logical-css-ok: a physical gauge */ left: 0 } .b { left: 0 }`)).toEqual(
      ['left: 0'],
    );
  });

  it('finds nothing in the renderer’s own style sheets', () => {
    const files = readdirSync(path.join(REPO, 'src/renderer'), { recursive: true })
      .map(String)
      .filter((file) => file.endsWith('.css'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const css = readFileSync(path.join(REPO, 'src/renderer', file), 'utf8');
      expect(physicalDeclarations(css), file).toEqual([]);
    }
  });
});
