/**
 * The feed parsers (RSS 0.9x/1.0/2.0, Atom, JSON Feed) under fuzzing: arbitrary bytes and
 * strings, feed-shaped hostile documents, mutated real feeds from ../shared/corpora/real-feeds
 * (read at test time, never copied here) and JSON Feeds of random shape. Whatever comes in,
 * parseFeed returns a feed that keeps the model's promises or throws one of our clear
 * AppErrors, never the catch-all it keeps for its own bugs; and it answers the same twice.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sanitizeFeed } from '@main/feeds/feed-service';
import { parseFeed } from '@main/feeds/parse/parse-feed';
import type { ParsedFeed } from '@shared/feed-model';
import { AppError } from '@shared/result';
import { fuzz, fuzzTimeoutMs } from '../../../fuzz';
import { scriptCapable } from '../../html/script-capable';
import { hostileFeed, markup, urlLike } from './hostile-xml';

const TARGET = 'main/feeds/parse';
const NOW = Date.UTC(2026, 11, 6, 12);
const DAY = 86_400_000;
// parseDate reads years 1000–9999; a zone moves the instant by at most ±14 h.
const EARLIEST = Date.UTC(1000, 0, 1) - DAY;
const FEED_URL = 'https://example.com/blog/feed.xml';

const CORPUS = fileURLToPath(
  new URL('../../../../../../shared/corpora/real-feeds/', import.meta.url),
);
/** Small real feeds of every format, some in legacy encodings (read as bytes). */
const SAMPLES = [
  'full/rbren__rss-parser/gulp-atom.atom',
  'full/rbren__rss-parser/craigslist.rss',
  'full/dpapathanasiou__photojournalism/bbc.xml',
  'full/Ranchero-Software__NetNewsWire/kc0011.rss',
  'full/miniflux__v2/no_encoding_ISO-8859-1.xml',
  'full/rbren__rss-parser/itunes-href.rss',
  'trimmed/danmactough__node-feedparser/rss-with-relative-urls.xml',
  'trimmed/danmactough__node-feedparser/non-text-alternate-links.xml',
  'trimmed/extractus__feed-extractor/rdf-standard.xml',
  'full/extractus__feed-extractor/json-feed-standard-realworld.json',
].map((file) => ({ file, bytes: new Uint8Array(readFileSync(CORPUS + file)) }));

/** Our clear errors: the codes parseFeed documents, never its catch-all for a bug. */
function isClearError(error: unknown): boolean {
  return (
    error instanceof AppError &&
    ['parse', 'not-a-feed', 'too-large'].includes(error.code) &&
    !error.message.startsWith('The feed could not be read (')
  );
}

/** Parses, and answers the feed, or undefined when parseFeed threw one of our clear errors. */
function parseOrClearError(input: string | Uint8Array, maxItems?: number, contentType?: string) {
  try {
    return parseFeed(input, { url: FEED_URL, now: NOW, maxItems, contentType });
  } catch (error) {
    if (isClearError(error)) return undefined;
    throw error;
  }
}

const isWeb = (url: string | undefined) => {
  if (url === undefined) return true;
  try {
    return /^https?:$/.test(new URL(url).protocol) && url === new URL(url).href;
  } catch {
    return false;
  }
};

const validDate = (time: number | undefined) =>
  time === undefined || (Number.isInteger(time) && time >= EARLIEST && time <= NOW + DAY);

/** Every promise the feed model makes, or a description of the one broken. */
function brokenPromise(feed: ParsedFeed, maxItems?: number): string | undefined {
  if (!['rss', 'atom', 'rdf', 'json'].includes(feed.format)) return `format ${feed.format}`;
  if (typeof feed.title !== 'string') return 'feed title';
  if (typeof feed.feedUrl !== 'string' || !feed.feedUrl) return 'feedUrl';
  if (!isWeb(feed.siteUrl)) return `siteUrl ${feed.siteUrl}`;
  if (!isWeb(feed.iconUrl)) return `iconUrl ${feed.iconUrl}`;
  if (maxItems !== undefined && feed.items.length > maxItems) {
    return `${feed.items.length} items over the cap of ${maxItems}`;
  }
  for (const item of feed.items) {
    if (typeof item.id !== 'string' || !item.id.trim()) return 'item id';
    if (typeof item.title !== 'string') return 'item title';
    if (!isWeb(item.url)) return `item url ${item.url}`;
    if (!validDate(item.published)) return `published ${item.published}`;
    if (!validDate(item.updated)) return `updated ${item.updated}`;
    const badImage = item.images.find((url) => !isWeb(url));
    if (badImage !== undefined) return `image ${badImage}`;
    const badEnclosure = item.enclosures.find((enclosure) => !isWeb(enclosure.url));
    if (badEnclosure) return `enclosure ${badEnclosure.url}`;
    if (item.authors.some((author) => typeof author !== 'string' || !author)) return 'author';
    if (item.categories.some((category) => typeof category !== 'string' || !category))
      return 'category';
  }
  for (const item of sanitizeFeed(feed).items) {
    for (const html of [item.summary, item.contentHtml]) {
      const found = html === undefined ? undefined : scriptCapable(html);
      if (found) return `script-capable ${found} in sanitized ${html}`;
    }
  }
  return undefined;
}

/** parseFeed's answer to `input` keeps every promise (or is a clear error). */
function keepsPromises(input: string | Uint8Array, maxItems?: number, contentType?: string): true {
  const feed = parseOrClearError(input, maxItems, contentType);
  const broken = feed && brokenPromise(feed, maxItems);
  if (broken) throw new Error(broken);
  return true;
}

/** Edits that keep most of a document and break some of it. */
const mutation = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(markup(2), urlLike, fc.string()),
  }),
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 200 }),
  }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 2000 }),
  }),
  fc.record({
    kind: fc.constant('byte' as const),
    at: fc.nat(),
    value: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(bytes: Uint8Array, mutations: Mutation[]): Uint8Array {
  let out = Buffer.from(bytes);
  for (const m of mutations) {
    const at = out.length ? m.at % out.length : 0;
    if (m.kind === 'insert')
      out = Buffer.concat([out.subarray(0, at), Buffer.from(m.text), out.subarray(at)]);
    else if (m.kind === 'delete')
      out = Buffer.concat([out.subarray(0, at), out.subarray(at + m.length)]);
    else if (m.kind === 'duplicate') {
      const piece = out.subarray(at, at + m.length);
      out = Buffer.concat([out.subarray(0, at), piece, piece, out.subarray(at + m.length)]);
    } else if (m.kind === 'byte') {
      if (out.length) out[at] = m.value;
    } else out = out.subarray(0, at);
  }
  return new Uint8Array(out);
}

const maxItems = fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined });
const contentType = fc.constantFrom(
  undefined,
  'application/rss+xml',
  'text/xml; charset=iso-8859-1',
  'application/json',
  'application/feed+json; charset=utf-8',
  'text/html; charset=bogus',
  'text/xml; charset=utf-16',
);

/** JSON Feeds of random shape: right keys with wrong types, hostile values. */
const jsonValue = fc.oneof(
  urlLike,
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
);
const jsonItem = fc.dictionary(
  fc.constantFrom(
    'id',
    'url',
    'external_url',
    'title',
    'content_html',
    'content_text',
    'summary',
    'image',
    'banner_image',
    'date_published',
    'date_modified',
    'author',
    'authors',
    'tags',
    'attachments',
    '_x',
  ),
  fc.oneof(
    jsonValue,
    fc.constantFrom(
      '2010-02-07T14:04:00-05:00',
      'Mon, 02 Jan 2006 15:04:05 GMT',
      '<script>alert(1)</script><p>x</p>',
    ),
    fc.array(
      fc.oneof(
        jsonValue,
        fc.record({
          url: urlLike,
          mime_type: fc.string(),
          size_in_bytes: jsonValue,
          name: jsonValue,
        }),
      ),
    ),
  ),
);
const jsonFeed = fc
  .record(
    {
      version: fc.constantFrom(
        'https://jsonfeed.org/version/1',
        'https://jsonfeed.org/version/1.1',
        'x',
        1,
      ),
      title: jsonValue,
      home_page_url: urlLike,
      feed_url: urlLike,
      icon: urlLike,
      favicon: urlLike,
      items: fc.oneof(fc.array(jsonItem, { maxLength: 10 }), jsonValue),
    },
    { requiredKeys: [] },
  )
  .map((feed) => JSON.stringify(feed));

const run = { timeout: fuzzTimeoutMs() };

describe('parseFeed under fuzzing', () => {
  it('never throws anything but a clear error on arbitrary strings and bytes', run, async () => {
    await fuzz(
      TARGET,
      'arbitrary strings and bytes: a feed keeping its promises or a clear error',
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc.uint8Array({ maxLength: 2000 }),
          fc.constantFrom('<', '{', '[', '<rss', '<feed', '[1]', '{}', 'null'),
        ),
        contentType,
        (input, type) => keepsPromises(input, undefined, type),
      ),
    );
  });

  it('reads hostile feed-shaped XML into items that keep the model’s promises', run, async () => {
    await fuzz(
      TARGET,
      'hostile XML (nesting, entities, CDATA, DOCTYPE, encodings, huge attributes): promises kept',
      fc.property(hostileFeed, maxItems, (xml, cap) => keepsPromises(xml, cap)),
    );
  });

  it('reads mutated real feeds into items that keep the model’s promises', run, async () => {
    await fuzz(
      TARGET,
      'mutated real feeds (bytes): promises kept, item cap respected',
      fc.property(
        fc.nat(SAMPLES.length - 1),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        maxItems,
        (index, mutations, cap) => keepsPromises(mutate(SAMPLES[index].bytes, mutations), cap),
      ),
    );
  });

  it(
    'reads JSON Feeds of random shape into items that keep the model’s promises',
    run,
    async () => {
      await fuzz(
        TARGET,
        'JSON Feed of random shape: promises kept',
        fc.property(jsonFeed, maxItems, (json, cap) =>
          keepsPromises(json, cap, 'application/feed+json'),
        ),
      );
    },
  );

  it('answers the same document the same way twice', run, async () => {
    await fuzz(
      TARGET,
      'deterministic: same input, same feed or same error',
      fc.property(
        fc.oneof(
          hostileFeed,
          jsonFeed,
          fc
            .tuple(fc.nat(SAMPLES.length - 1), fc.array(mutation, { maxLength: 3 }))
            .map(([index, mutations]) => mutate(SAMPLES[index].bytes, mutations)),
        ),
        maxItems,
        (input, cap) => {
          const answer = () => {
            try {
              return parseFeed(input, { url: FEED_URL, now: NOW, maxItems: cap });
            } catch (error) {
              return error instanceof AppError ? `${error.code}: ${error.message}` : String(error);
            }
          };
          expect(answer()).toEqual(answer());
        },
      ),
    );
  });

  it('reads every unmutated sample as a feed', () => {
    for (const { file, bytes } of SAMPLES) {
      const feed = parseFeed(bytes, { url: FEED_URL, now: NOW });
      expect(feed.items.length, file).toBeGreaterThan(0);
      expect(brokenPromise(feed), file).toBeUndefined();
    }
  });
});
