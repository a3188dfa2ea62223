/**
 * OPML under fuzzing. parseOpml reads anything (random text, hostile outline markup, mutated
 * real exports from ../shared/corpora/opml, read at test time) without throwing anything but
 * its clear errors, and what it returns stays inside the contract's bounds. buildOpml → parseOpml
 * keeps every feed of a random tree (within src/shared/opml-tree-bounds.ts and the contract's
 * field caps) with its title, address and folder.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildOpml } from '@main/feeds/opml/build-opml';
import { MAX_FOLDER_DEPTH, MAX_TITLE_LENGTH, MAX_URL_LENGTH } from '@main/feeds/opml/opml-limits';
import { parseOpml } from '@main/feeds/opml/parse-opml';
import { methodParams } from '@shared/contract';
import type { OpmlFolder, OpmlParseResult } from '@shared/contract';
import { opmlTreeProblem } from '@shared/opml-tree-bounds';
import { AppError } from '@shared/result';
import { fuzz, fuzzTimeoutMs } from '../../../fuzz';

const TARGET = 'main/feeds/opml';
const CORPUS = path.resolve(__dirname, '../../../../../../shared/corpora/opml');
const SAMPLES = [
  'real/NetNewsWire/Subs.opml',
  'real/NetNewsWire/SubsNoTitleAttributes.opml',
  'real/Feeder/Flym_auto_backup.opml',
  'real/Feeder/Programming.opml',
  'real/Feeder/antennapod-feeds.opml',
  'real/Feeder/rssguard_1.opml',
  'spec-examples/feedsmith/subscriptions.opml',
].map((file) => readFileSync(path.join(CORPUS, file), 'utf8'));

/** Parses, answering undefined for one of parseOpml's clear errors. */
function parseOrClearError(text: string): OpmlParseResult | undefined {
  try {
    return parseOpml(text);
  } catch (error) {
    if (error instanceof AppError && ['parse', 'too-large'].includes(error.code)) return undefined;
    throw error;
  }
}

const isWeb = (url: string) => {
  try {
    return /^https?:$/.test(new URL(url).protocol) && new URL(url).href === url;
  } catch {
    return false;
  }
};

/** What in a parse result breaks the contract's promises, or undefined. */
function brokenPromise(result: OpmlParseResult): string | undefined {
  const seen = new Set<string>();
  const pending: { folder: OpmlFolder; depth: number }[] = [{ folder: result.root, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { folder, depth } = next;
    if (depth > MAX_FOLDER_DEPTH) return `folder ${depth} deep`;
    if (folder.title.length > MAX_TITLE_LENGTH) return 'folder title too long';
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001F\u007F]/.test(folder.title)) return 'control character in a folder title';
    for (const feed of folder.feeds) {
      if (!isWeb(feed.xmlUrl) || feed.xmlUrl.length > MAX_URL_LENGTH)
        return `xmlUrl ${feed.xmlUrl}`;
      if (feed.htmlUrl !== undefined && !isWeb(feed.htmlUrl)) return `htmlUrl ${feed.htmlUrl}`;
      if (!feed.title || feed.title.length > MAX_TITLE_LENGTH) return `feed title ${feed.title}`;
      // eslint-disable-next-line no-control-regex
      if (/[\u0000-\u001F\u007F]/.test(feed.title)) return 'control character in a feed title';
      if (seen.has(feed.xmlUrl)) return `${feed.xmlUrl} twice`;
      seen.add(feed.xmlUrl);
    }
    for (const child of folder.folders) pending.push({ folder: child, depth: depth + 1 });
  }
  // What the renderer gets back must be something it can send to opml.build again.
  if (opmlTreeProblem(result.root)) return opmlTreeProblem(result.root);
  const again = methodParams['opml.build'].safeParse({
    title: result.title ?? '',
    root: result.root,
  });
  if (!again.success) return `not buildable: ${again.error.message.slice(0, 300)}`;
  return undefined;
}

function keepsPromises(text: string): true {
  const result = parseOrClearError(text);
  const broken = result && brokenPromise(result);
  if (broken) throw new Error(broken);
  return true;
}

const urlLike = fc.oneof(
  fc.webUrl(),
  fc.constantFrom(
    'feed://example.com/rss',
    'feed:https://example.com/a',
    'example.com/feed',
    'javascript:alert(1)',
    'data:text/xml,<rss/>',
    'file:///etc/passwd',
    '',
    ' ',
    '//x.example/',
  ),
  fc.string({ maxLength: 20 }),
);
const attributeName = fc.constantFrom(
  'text',
  'title',
  'xmlUrl',
  'XMLURL',
  'htmlUrl',
  'url',
  'type',
  'xmlurl',
  'version',
  'category',
);
const attributeValue = fc.oneof(
  urlLike,
  fc.string({ maxLength: 20 }),
  fc.constantFrom(
    'rss',
    'include',
    'link',
    'source',
    'atom',
    '&amp;',
    '&',
    '<a href="x">',
    '"',
    '&#0;',
    '&#xFFFF;',
  ),
);
const outlineAttributes = fc
  .array(fc.tuple(attributeName, attributeValue, fc.constantFrom('"', "'", '')), { maxLength: 4 })
  .map((attributes) =>
    attributes.map(([name, value, quote]) => ` ${name}=${quote}${value}${quote}`).join(''),
  );
const outline: fc.Arbitrary<string> = fc.letrec<{ outline: string }>((tie) => ({
  outline: fc.oneof(
    { maxDepth: 4, depthSize: 'small' },
    outlineAttributes.map((attributes) => `<outline${attributes}/>`),
    fc
      .tuple(
        outlineAttributes,
        fc.array(tie('outline'), { maxLength: 3 }),
        fc.constantFrom('close', 'close', 'open', 'stray'),
      )
      .map(([attributes, children, end]) => {
        const body = `<outline${attributes}>${children.join('')}`;
        if (end === 'open') return body;
        return `${body}${end === 'stray' ? '</body>' : '</outline>'}`;
      }),
  ),
})).outline;
const hostileOpml = fc
  .tuple(
    fc.constantFrom(
      '',
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<!DOCTYPE opml [<!ENTITY a "b">]>',
      '\uFEFF',
    ),
    fc.string({ maxLength: 20 }),
    fc.array(
      fc.oneof(
        outline,
        fc.constantFrom('text', '<!-- c -->', '<![CDATA[x]]>', '<head>', '</opml><opml><body>'),
      ),
      { maxLength: 6 },
    ),
    fc.boolean(),
  )
  .map(
    ([prolog, title, outlines, close]) =>
      `${prolog}<opml version="2.0"><head><title>${title}</title></head><body>${outlines.join('\n')}${close ? '</body></opml>' : ''}`,
  );

const mutation = fc.oneof(
  fc.record({
    at: fc.nat(),
    remove: fc.nat(300),
    insert: fc.oneof(outline, fc.string({ maxLength: 10 }), fc.constant('')),
  }),
);
const mutatedSample = fc
  .tuple(fc.nat(SAMPLES.length - 1), fc.array(mutation, { minLength: 1, maxLength: 5 }))
  .map(([index, mutations]) =>
    mutations.reduce((text, { at, remove, insert }) => {
      const position = text.length ? at % text.length : 0;
      return text.slice(0, position) + insert + text.slice(position + remove);
    }, SAMPLES[index]),
  );

// Titles as people type them (tabs, newlines, entities, emoji, lone surrogates, controls).
const title = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom('News & "views" <b>', '  a\t\tb\n', '\u0000x\u0007', '\uD800', 'x'.repeat(1000)),
);

interface TreeSpec {
  title: string;
  feeds: { title: string; htmlUrl?: string }[];
  folders: TreeSpec[];
}
const feedSpecs = fc.array(
  fc.record(
    { title, htmlUrl: fc.oneof(fc.webUrl(), fc.constantFrom('javascript:alert(1)', 'not a url')) },
    { requiredKeys: ['title'] },
  ),
  { maxLength: 3 },
);
const treeSpec: fc.Arbitrary<TreeSpec> = fc.letrec<{ folder: TreeSpec }>((tie) => ({
  folder: fc.oneof(
    { maxDepth: 5, depthSize: 'small' },
    fc.record({ title, feeds: feedSpecs, folders: fc.constant<TreeSpec[]>([]) }),
    fc.record({ title, feeds: feedSpecs, folders: fc.array(tie('folder'), { maxLength: 3 }) }),
  ),
})).folder;

/** A chain of one folder per level, `depth` deep, so the flattening below 16 levels is reached. */
const deepChain = fc
  .tuple(fc.integer({ min: 10, max: 40 }), title, title)
  .map(([depth, folderTitle, feedTitle]) => {
    let folder: TreeSpec = { title: folderTitle, feeds: [{ title: feedTitle }], folders: [] };
    for (let level = 1; level < depth; level += 1) {
      folder = {
        title: `${folderTitle}${level}`,
        feeds: [{ title: `${feedTitle}${level}` }],
        folders: [folder],
      };
    }
    return folder;
  });

/** The spec as an OpmlFolder with a unique, normalized feed address per feed. */
function toTree(spec: TreeSpec, urls: { next: number }): OpmlFolder {
  return {
    title: spec.title,
    feeds: spec.feeds.map((feed) => ({
      title: feed.title,
      xmlUrl: `https://feeds.example/${urls.next++}/feed?x=1`,
      ...(feed.htmlUrl === undefined ? {} : { htmlUrl: feed.htmlUrl }),
    })),
    folders: spec.folders.map((child) => toTree(child, urls)),
  };
}

/** Text as the reader stores it: no characters XML cannot carry, no controls, one line. */
function cleanTitle(value: string): string {
  const text = value
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text;
}

type Row = [string[], string, string, string | undefined];

/** Every feed with the folder path it sits in, as an import would file it. */
function expectedRows(folder: OpmlFolder, path: string[] = [], depth = 0): Row[] {
  const rows: Row[] = folder.feeds.map((feed) => [
    path,
    cleanTitle(feed.title) || new URL(feed.xmlUrl).host,
    feed.xmlUrl,
    feed.htmlUrl?.startsWith('http') ? new URL(feed.htmlUrl).href : undefined,
  ]);
  for (const child of folder.folders) {
    const name = cleanTitle(child.title);
    // Folders deeper than MAX_FOLDER_DEPTH are written flat into their ancestor; a folder
    // without a name carries only its contents.
    const childPath = depth >= MAX_FOLDER_DEPTH || !name ? path : [...path, name];
    rows.push(...expectedRows(child, childPath, depth + 1));
  }
  return rows;
}

function parsedRows(folder: OpmlFolder, path: string[] = []): Row[] {
  return [
    ...folder.feeds.map((feed): Row => [path, feed.title, feed.xmlUrl, feed.htmlUrl]),
    ...folder.folders.flatMap((child) => parsedRows(child, [...path, child.title])),
  ];
}

const sorted = (rows: Row[]) => rows.map((row) => JSON.stringify(row)).sort();
const run = { timeout: fuzzTimeoutMs() };

describe('parseOpml under fuzzing', () => {
  it(
    'never throws anything but a clear error, and stays inside the contract, on anything',
    run,
    async () => {
      await fuzz(
        TARGET,
        'arbitrary text and hostile outlines: a result within the contract or a clear error',
        fc.property(
          fc.oneof(fc.string(), fc.string({ unit: 'binary' }), hostileOpml),
          keepsPromises,
        ),
      );
    },
  );

  it('reads mutated real subscription lists into results within the contract', run, async () => {
    await fuzz(
      TARGET,
      'mutated real OPML exports: within the contract or a clear error',
      fc.property(mutatedSample, keepsPromises),
    );
  });

  it('keeps every feed of a built tree, with its title, address and folder', run, async () => {
    await fuzz(
      TARGET,
      'buildOpml -> parseOpml keeps every feed (title, xmlUrl, htmlUrl, folder path)',
      fc.property(
        fc.oneof({ weight: 4, arbitrary: treeSpec }, { weight: 1, arbitrary: deepChain }),
        title,
        (spec, listTitle) => {
          const tree = toTree(spec, { next: 0 });
          // Only trees the contract lets through to opml.build.
          fc.pre(methodParams['opml.build'].safeParse({ title: listTitle, root: tree }).success);
          const result = parseOpml(buildOpml(listTitle, tree, new Date(0)));
          expect(result.problems).toEqual([]);
          expect(sorted(parsedRows(result.root))).toEqual(sorted(expectedRows(tree)));
          expect(result.title ?? '').toBe(cleanTitle(listTitle));
        },
      ),
    );
  });
});
