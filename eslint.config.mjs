import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import formatjs from 'eslint-plugin-formatjs';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const features = readdirSync(new URL('./src/renderer/features', import.meta.url), {
  withFileTypes: true,
})
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const restrict = (patterns, message) => restrictEach([patterns, message]);

/** Several walls on the same files: a later config's rule replaces an earlier one's, not adds. */
const restrictEach = (...walls) => ({
  'no-restricted-imports': [
    'error',
    { patterns: walls.map(([patterns, message]) => ({ group: patterns, message })) },
  ],
});

// Main's floors. The domain (feeds, articles, sync, accounts, backups, desktop) stands on the tools floor (net, html, dates,
// text, privacy); the composition roots (index.ts, shell/, core.ts, cli.ts, cli/, host/, api/)
// wire the domain together. Imports go down only: never sideways between domain folders, never
// from the floor up into the domain or a root.
const mainDomain = ['feeds', 'articles', 'sync', 'accounts', 'backups', 'desktop'];
const mainFloor = ['net', 'html', 'dates', 'text', 'privacy'];
const mainRoots = ['cli', 'host', 'api', 'shell'];
const mainRootFiles = ['**/core', '**/index', '**/cli'];
const noElectron = [
  ['electron', '**/renderer/**', '**/preload/**'],
  'Domain code in main gets its side effects passed in; only src/main/index.ts and src/main/shell may import electron.',
];

// What the search engine (core and idb alike) may never import: the app, its runtimes, its DOM.
const searchEngineOutside = [
  'electron',
  'node:*',
  'react',
  'react-dom',
  'jsdom',
  'dompurify',
  'zod',
  '@shared/*',
  '**/main/**',
  '**/renderer/**',
  '**/preload/**',
  '**/shared/**',
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      // The installers and unpacked apps `npm run dist` writes.
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'bench-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'tests/unit/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  // Every word the reader sees comes from a catalogue (src/shared/catalogues): no bare text in
  // JSX or in the props that carry words, and an error meant for the reader is a LocalizedError
  // (a message id and its values), never an English sentence.
  {
    files: ['src/renderer/**/*.tsx'],
    plugins: { formatjs },
    rules: {
      'formatjs/no-literal-string-in-jsx': [
        'error',
        {
          props: {
            include: [
              [
                '*',
                '{label,title,heading,description,hint,message,note,placeholder,alt,caption,text,legend,confirmLabel,cancelLabel,emptyText}',
              ],
            ],
          },
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          // A message id ('highlights.error.empty') is what a LocalizedError is given: allowed.
          selector:
            'NewExpression[callee.name=/Error$/] > :matches(Literal:not([value=/^[a-z][A-Za-z0-9]*(\\.[A-Za-z0-9]+)+$/]), TemplateLiteral).arguments',
          message:
            'An error the reader may see is a LocalizedError(messageId, values) (i18n/localized-error.ts). One only a developer sees says so in an eslint-disable comment.',
        },
      ],
    },
  },
  // Boundaries. The renderer is a web page: no Node, no Electron, no main-process code.
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: restrict(
      ['electron', 'node:*', '**/main/**', '**/preload/**'],
      'The renderer talks to main only through the contract in src/shared.',
    ),
  },
  // Shared is pure: types, the contract and policies, usable by every process.
  {
    files: ['src/shared/**/*.ts'],
    rules: restrict(
      [
        'electron',
        'node:*',
        'react',
        'react-dom',
        'dexie',
        'jsdom',
        'dompurify',
        '**/main/**',
        '**/renderer/**',
        '**/preload/**',
      ],
      'src/shared must not depend on any process, runtime or DOM.',
    ),
  },
  // The search engine is a library of its own: it runs in the renderer's worker, in Node
  // benches and in tests, and knows nothing of the app. Its core is pure TypeScript over bytes.
  {
    files: ['src/search-engine/core/**/*.ts'],
    rules: restrict(
      [...searchEngineOutside, 'dexie', '**/idb/**'],
      'The search core imports nothing of the app, no runtime and no storage: the app hands it IndexDocuments and an IndexStorage.',
    ),
  },
  // Its IndexedDB storage adds Dexie and the browser's IndexedDB, still nothing of the app.
  {
    files: ['src/search-engine/idb/**/*.ts'],
    languageOptions: { globals: { ...globals.worker } },
    rules: restrict(
      searchEngineOutside,
      'The search engine imports nothing of the app: its IndexedDB storage may use Dexie and the core, no more.',
    ),
  },
  // Main's domain modules run under plain Node in tests: only the shell may touch Electron.
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/index.ts', 'src/main/shell/**'],
    rules: restrictEach(noElectron),
  },
  ...mainDomain.map((folder) => ({
    files: [`src/main/${folder}/**/*.ts`],
    rules: restrictEach(noElectron, [
      [
        ...mainDomain.filter((other) => other !== folder).map((other) => `**/${other}/**`),
        ...mainRoots.map((root) => `**/${root}/**`),
        ...mainRootFiles,
      ],
      `src/main/${folder} may not import another domain folder (${mainDomain.join(', ')}) or a composition root: a tool both need goes to the floor (${mainFloor.join(', ')}); a service the other offers is passed in by core.ts.`,
    ]),
  })),
  {
    files: mainFloor.map((folder) => `src/main/${folder}/**/*.ts`),
    rules: restrictEach(noElectron, [
      [...[...mainDomain, ...mainRoots].map((folder) => `**/${folder}/**`), ...mainRootFiles],
      `The tools floor (${mainFloor.join(', ')}) imports only itself, src/shared and packages: never the domain (${mainDomain.join(', ')}) or a composition root.`,
    ]),
  },
  {
    files: ['src/main/index.ts', 'src/main/shell/**/*.ts'],
    rules: restrict(
      ['**/renderer/**', '**/preload/**'],
      'Main never imports renderer or preload code.',
    ),
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: restrict(
      ['node:*', 'zod', '**/main/**', '**/renderer/**'],
      'The sandboxed preload may import only electron and dependency-free shared modules.',
    ),
  },
  // The background pipeline (storing sync results, the offline pass, index upkeep) is an app
  // service under the features: it may use db/, lib/, api/ and the search client, and features
  // may start it, but it never reaches up into a feature or the app shell.
  {
    files: ['src/renderer/pipeline/**/*.{ts,tsx}'],
    rules: restrict(
      [
        'electron',
        'node:*',
        '**/main/**',
        '**/preload/**',
        '**/app/**',
        '**/features/**',
        'react',
        'react-dom',
        'dexie-react-hooks',
      ],
      'The pipeline is plain modules with start/stop: no React, no features, no app shell.',
    ),
  },
  // Features stay independent; the app shell composes them. Components reach data through hooks.
  ...features.flatMap((feature) => {
    const outside = [
      'electron',
      'node:*',
      '**/main/**',
      '**/preload/**',
      '**/app/**',
      ...features.filter((other) => other !== feature).map((other) => `**/features/${other}/**`),
    ];
    const message =
      'A feature may not import another feature or the app shell; shared code goes to lib/ or db/. Components use hooks, never the database.';
    return [
      {
        files: [`src/renderer/features/${feature}/**/*.{ts,tsx}`],
        rules: restrict(outside, message),
      },
      {
        files: [`src/renderer/features/${feature}/components/**/*.{ts,tsx}`],
        rules: restrict(
          [
            ...outside,
            'dexie',
            'dexie-react-hooks',
            '**/db/database',
            '**/db/schema',
            '**/db/*-repository',
          ],
          message,
        ),
      },
    ];
  }),
);
