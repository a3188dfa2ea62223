/**
 * A Vite plugin for the renderer: each message catalogue (src/shared/catalogues/*.json) is
 * parsed into ICU syntax trees at build time, and the runtime takes FormatJS's parser-free
 * build. The page then ships no message parser at all (a sizeable share of react-intl), and
 * formats a message without parsing it first.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import type { Plugin } from 'vite';

const CATALOGUE = /[\\/]src[\\/]shared[\\/]catalogues[\\/][^\\/]+\.json$/;

/**
 * Messages no first screen shows (main's and the plain modules' errors, the settings, accounts,
 * rules and import dialogs): `en.json?after-first-paint` holds them, a chunk of its own;
 * `en.json?first-paint` holds the rest, bundled with the entry (issue 19: the English first
 * paint stays small). `catalogueSlices()` makes the two modules, for the build and unit tests.
 */
export const AFTER_FIRST_PAINT = [
  'accounts.',
  'db.',
  'import.',
  'lib.',
  'main.',
  'pipeline.',
  'rescue.',
  'rules.',
  'settings.',
];
const afterFirstPaint = (id: string) => AFTER_FIRST_PAINT.some((prefix) => id.startsWith(prefix));

type Tree = MessageFormatElement[];

/** The text of a message that is one literal (TYPE.literal is 0), if it is one. */
const literalOf = (tree: Tree): string | undefined =>
  tree.length === 1 && tree[0]!.type === TYPE.literal ? tree[0]!.value : undefined;

const SLICE = /^(first-paint|after-first-paint)$/;

/** The messages a `?first-paint` or `?after-first-paint` import asks for. */
export function catalogueSlice(
  messages: Record<string, string>,
  slice: 'first-paint' | 'after-first-paint',
): Record<string, string> {
  const later = slice === 'after-first-paint';
  return Object.fromEntries(
    Object.entries(messages).filter(([id]) => afterFirstPaint(id) === later),
  );
}

/**
 * `en.json?first-paint` and `en.json?after-first-paint` as modules (the bundler takes a JSON file
 * with a query for script): with `compile`, each slice's messages as ICU syntax trees; without
 * (unit tests), every message in the first, as written.
 */
export function catalogueSlices({ compile }: { compile: boolean }): Plugin {
  return {
    name: 'broadsheet-catalogue-slices',
    enforce: 'pre',
    load(id) {
      const [file, query = ''] = id.split('?');
      if (!CATALOGUE.test(file!) || !SLICE.test(query)) return null;
      const messages = JSON.parse(readFileSync(file!, 'utf8')) as Record<string, string>;
      const slice = catalogueSlice(messages, query as 'first-paint' | 'after-first-paint');
      // Unit tests render a component without starting the locale: all of English at once.
      if (!compile) {
        const all = query === 'first-paint' ? messages : {};
        return { code: `export default ${JSON.stringify(all)};`, map: null };
      }
      // A message that is one literal ships as its text and becomes its tree as the module
      // loads: most messages are, and the tree's wrapping would be a sizeable share of the bytes.
      const trees = compileCatalogue(JSON.stringify(slice), file!) as Record<string, Tree>;
      const compact = Object.fromEntries(
        Object.entries(trees).map(([id, tree]) => [id, literalOf(tree) ?? tree]),
      );
      return {
        code: [
          `const messages = ${JSON.stringify(compact)};`,
          `for (const id in messages) if (typeof messages[id] === 'string') messages[id] = [{ type: 0, value: messages[id] }];`,
          'export default messages;',
        ].join('\n'),
        map: null,
      };
    },
  };
}

export function compileCatalogue(source: string, file: string): Record<string, unknown> {
  const messages = JSON.parse(source) as Record<string, string>;
  return Object.fromEntries(
    Object.entries(messages).map(([id, message]) => {
      try {
        return [id, parse(message)];
      } catch (error) {
        throw new Error(`${file}: message "${id}" is not valid ICU: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }),
  );
}

export function precompiledCatalogues(): Plugin[] {
  return [
    {
      name: 'broadsheet-precompiled-catalogues',
      enforce: 'pre',
      transform(source, id) {
        if (!CATALOGUE.test(id)) return null;
        // Still JSON: Vite's own JSON plugin makes it a module after this.
        return { code: JSON.stringify(compileCatalogue(source, id)), map: null };
      },
    },
    catalogueSlices({ compile: true }),
    {
      // Other modules' `import english from '…/en.json'` (main-text.ts, db/row-schemas.ts) get
      // the renderer's one English catalogue, so the page ships its messages once, split as
      // catalogue.ts says. The renderer renders nothing before that catalogue is whole.
      name: 'broadsheet-one-english',
      enforce: 'pre',
      resolveId(source) {
        return /[\\/]catalogues[\\/]en\.json$/.test(source) ? ONE_ENGLISH : null;
      },
      load(id) {
        if (id !== ONE_ENGLISH) return null;
        const catalogue = resolve(__dirname, '../src/renderer/i18n/catalogue.ts');
        return `export { ENGLISH as default } from ${JSON.stringify(catalogue)};`;
      },
    },
  ];
}

const ONE_ENGLISH = '\0broadsheet-one-english';

/** The renderer's alias that swaps the parser for its parser-free build. */
export const parserFree = {
  find: /^@formatjs\/icu-messageformat-parser$/,
  replacement: '@formatjs/icu-messageformat-parser/no-parser.js',
};
