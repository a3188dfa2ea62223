import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '@main/feeds/parse/parse-feed';
import { htmlToText } from '@main/html/text';
import type { ParsedFeed } from '@shared/feed-model';
import { AppError } from '@shared/result';
import { thrownAppError } from './thrown-app-error';

const NOW = Date.UTC(2024, 0, 15, 12);
const URL_ = 'https://example.com/feed.json';
const parse = (input: string | Uint8Array, options: { contentType?: string; url?: string } = {}) =>
  parseFeed(input, { url: URL_, now: NOW, ...options });
const json = (value: unknown) => JSON.stringify(value);

const parseError = (input: string | Uint8Array) => thrownAppError(() => parse(input));

describe('JSON Feed: mapping', () => {
  it('keeps an item’s own language (JSON Feed 1.1), canonical, and drops one that is no tag', () => {
    const feed = parse(
      json({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'Mixed',
        language: 'en',
        items: [
          { id: '1', content_text: 'English' },
          { id: '2', content_text: 'שלום', language: 'HE-il' },
          { id: '3', content_text: 'x', language: '$$$' },
        ],
      }),
    );
    expect(feed.items.map((item) => item.language)).toEqual([undefined, 'he-IL', undefined]);
  });

  it('maps a JSON Feed 1.1 document', () => {
    const feed = parse(
      json({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'Example &amp; Co',
        home_page_url: 'https://example.org/',
        feed_url: 'https://example.org/feed.json',
        description: 'All the <b>news</b>',
        language: 'en_GB',
        icon: '/icon.png',
        favicon: '/favicon.ico',
        authors: [{ name: 'Feed Author' }],
        items: [
          {
            id: 'https://example.org/1',
            url: 'posts/1',
            external_url: 'https://elsewhere.example/story',
            title: 'First',
            content_html: '<p>Hello <img src="/a.jpg"></p>',
            content_text: 'Hello',
            summary: 'A <short> summary',
            image: '/image.png',
            banner_image: 'https://cdn.example.org/banner.png',
            date_published: '2024-01-10T08:00:00+01:00',
            date_modified: '2024-01-11T09:30:00Z',
            authors: [{ name: 'Ann' }, { name: ' Bob ' }, { url: 'https://no-name.example' }],
            tags: ['News', 42, 'World'],
            attachments: [
              { url: '/audio.mp3', mime_type: 'audio/mpeg', size_in_bytes: 1234 },
              { url: 'https://cdn.example.org/p.jpg', mime_type: 'image/jpeg' },
              { mime_type: 'audio/mpeg' },
            ],
          },
          { id: 2, content_text: 'Just a note.\n\nWith <two> paragraphs\nand a break.' },
        ],
      }),
    );
    expect(feed).toEqual({
      format: 'json',
      title: 'Example & Co',
      siteUrl: 'https://example.org/',
      feedUrl: 'https://example.org/feed.json',
      description: 'All the news',
      language: 'en-GB',
      iconUrl: 'https://example.org/icon.png',
      items: [
        {
          id: 'https://example.org/1',
          url: 'https://example.org/posts/1',
          title: 'First',
          authors: ['Ann', 'Bob'],
          published: Date.UTC(2024, 0, 10, 7),
          updated: Date.UTC(2024, 0, 11, 9, 30),
          summary: 'A &lt;short&gt; summary',
          contentHtml: '<p>Hello <img src="https://example.org/a.jpg"></p>',
          images: [
            'https://example.org/image.png',
            'https://cdn.example.org/banner.png',
            'https://cdn.example.org/p.jpg',
          ],
          enclosures: [
            { url: 'https://example.org/audio.mp3', type: 'audio/mpeg', length: 1234 },
            { url: 'https://cdn.example.org/p.jpg', type: 'image/jpeg' },
          ],
          categories: ['News', 'World'],
        },
        {
          id: '2',
          title: 'Just a note. With <two> paragraphs and a break.',
          // Items without authors have the feed's (JSON Feed 1.1).
          authors: ['Feed Author'],
          contentHtml: '<p>Just a note.</p><p>With &lt;two&gt; paragraphs<br>and a break.</p>',
          images: [],
          enclosures: [],
          categories: [],
        },
      ],
    });
  });

  it('reads JSON Feed 1.0 authors and falls back to external_url', () => {
    const feed = parse(
      json({
        version: 'https://jsonfeed.org/version/1',
        title: 't',
        author: { name: 'Old Style' },
        items: [{ id: 'a', external_url: 'https://elsewhere.example/x', content_html: 'x' }],
      }),
    );
    expect(feed.items[0]).toMatchObject({
      url: 'https://elsewhere.example/x',
      authors: ['Old Style'],
    });
  });

  it('resolves relative URLs against the fetch URL when the feed gives none', () => {
    const feed = parse(
      json({
        title: 't',
        home_page_url: '/',
        feed_url: '/feed.json',
        items: [{ id: '1', url: '/p' }],
      }),
      { url: 'https://blog.example/subdir/index.json' },
    );
    expect(feed).toMatchObject({
      siteUrl: 'https://blog.example/',
      feedUrl: 'https://blog.example/feed.json',
      items: [{ url: 'https://blog.example/p' }],
    });
  });

  it('ignores values of the wrong type instead of failing', () => {
    const feed = parse(
      json({
        version: 'https://jsonfeed.org/version/1.1',
        title: ['not', 'a', 'string'],
        home_page_url: 12,
        items: [
          { id: { no: 1 }, title: 5, url: null, tags: 'x', attachments: {}, authors: 'y' },
          'not an item',
        ],
      }),
    );
    expect(feed.title).toBe('example.com');
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]).toMatchObject({ title: '', authors: [], categories: [] });
    expect(feed.items[0].id).toMatch(/^sha256:/);
  });

  it('accepts a BOM, whitespace and a JSON content type', () => {
    const text = `\uFEFF \n${json({ version: 'https://jsonfeed.org/version/1', title: 'BOM', items: [] })}`;
    expect(parse(text).title).toBe('BOM');
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text.slice(1))]);
    expect(parse(bytes, { contentType: 'application/feed+json' }).title).toBe('BOM');
  });
});

describe('JSON Feed: not feeds', () => {
  it('explains RSS converted to JSON', () => {
    const error = parseError(json({ rss: { version: '2.0', channel: { title: 'x', item: [] } } }));
    expect(error.code).toBe('not-a-feed');
    expect(error.message).toMatch(/RSS feed converted to JSON, not a JSON Feed/);
  });

  it.each([
    ['{"hello": "world"}', 'not-a-feed', 'This is JSON data, not a feed.'],
    ['[1, 2, 3]', 'not-a-feed', 'This is JSON data, not a feed.'],
    ['{"version": "https://jsonfeed.org/version/1", "items": [', 'parse', /cut off/],
    ['{"title": "x", "items": [] ,, }', 'parse', /not valid JSON/],
    ['[1, 2', 'parse', /cut off/],
  ])('rejects %s', (input, code, message) => {
    const error = parseError(input);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(error.message).not.toMatch(/\n\s+at /);
  });

  it('reads a document served as JSON that is not JSON as unreadable', () => {
    expect(() => parse('Hello', { contentType: 'application/json' })).toThrow(/not valid JSON/);
  });
});

const JSONFEED = fileURLToPath(
  new URL('../../../../../../shared/corpora/jsonfeed/', import.meta.url),
);
const readJson = (path: string): unknown => JSON.parse(readFileSync(`${JSONFEED}${path}`, 'utf8'));
const parseCorpus = (path: string) =>
  parseFeed(readFileSync(`${JSONFEED}${path}`), {
    url: 'https://fetched.example/feed.json',
    now: NOW,
  });

type Loose = Record<string, unknown>;
const text = (html: string | undefined) => (html === undefined ? undefined : htmlToText(html));
const ms = (date: unknown) => (typeof date === 'string' ? Date.parse(date) : undefined);
// Ours go through the URL parser, which adds the slash of an empty path.
const href = (url: unknown) => (typeof url === 'string' ? new URL(url).href : undefined);

describe('JSON Feed: the corpus expectations', () => {
  it.each([
    'mmcdole__gofeed/parser/json/version_json_10',
    'mmcdole__gofeed/parser/json/version_json_11',
    'mmcdole__gofeed/parser/json/version_json_11_deprecated_author',
  ])('%s matches gofeed’s parsed feed', (name) => {
    const feed = parseCorpus(`${name}.json`);
    const expected = readJson(`${name}_expected.json`) as Loose & { items: Loose[] };
    expect(feed).toMatchObject({
      title: expected.title,
      siteUrl: href(expected.home_page_url),
      feedUrl: href(expected.feed_url),
      description: expected.description,
      iconUrl: expected.icon,
    });
    expect(feed.items).toHaveLength(expected.items.length);
    feed.items.forEach((item, index) => {
      const source = expected.items[index] as Loose & { attachments: Loose[]; tags: string[] };
      expect(item).toMatchObject({
        id: source.id,
        url: source.url,
        title: source.title,
        contentHtml: source.content_html,
        published: ms(source.date_published),
        updated: ms(source.date_modified),
        categories: source.tags,
        authors: ['author_name'],
        enclosures: source.attachments.map((a) => ({
          url: a.url,
          type: a.mime_type,
          length: a.size_in_bytes,
        })),
      });
      expect(item.images).toEqual([source.image, source.banner_image]);
    });
  });

  it.each(['json10_full', 'json10_simple', 'json11_full'])(
    '%s matches gofeed’s translated feed',
    (name) => {
      const feed = parseCorpus(`mmcdole__gofeed/translator/json/${name}.json`);
      const expected = readJson(
        `mmcdole__gofeed/translator/json/${name}_expected.json`,
      ) as Loose & {
        items: (Loose & { image?: { url: string }; enclosures?: Loose[] })[];
      };
      if (expected.title) expect(feed.title).toBe(expected.title);
      if (expected.link) expect(feed.siteUrl).toBe(href(expected.link));
      if (expected.feedLink) expect(feed.feedUrl).toBe(href(expected.feedLink));
      if (expected.language) expect(feed.language).toBe(expected.language);
      expect(feed.items).toHaveLength(expected.items.length);
      feed.items.forEach((item, index) => {
        const want = expected.items[index];
        if (want.guid) expect(item.id).toBe(want.guid);
        if (want.link) expect(item.url).toBe(want.link);
        expect(text(item.contentHtml)).toBe(text(String(want.content)));
        if (want.publishedParsed) expect(item.published).toBe(ms(want.publishedParsed));
        if (want.updatedParsed) expect(item.updated).toBe(ms(want.updatedParsed));
        if (want.categories) expect(item.categories).toEqual(want.categories);
        if (want.image) expect(item.images[0]).toBe(want.image.url);
        for (const enclosure of want.enclosures ?? []) {
          expect(item.enclosures).toContainEqual({
            url: enclosure.url,
            type: enclosure.type,
            length: Number(enclosure.length),
          });
        }
      });
    },
  );

  it.each(['jsonfeed_example_1', 'jsonfeed_spec_1', 'jsonfeed_elastic_1.1'])(
    '%s matches feed-rs’s model',
    (name) => {
      const feed = parseCorpus(`feed-rs__feed-rs/${name}.json`);
      const source = readJson(`feed-rs__feed-rs/${name}.json`) as { items: Loose[] };
      const expected = readJson(`feed-rs__feed-rs/${name}.serde.json`) as {
        title: { content: string };
        entries: (Loose & {
          title: { content: string };
          links: { href: string }[];
          categories: { term: string }[];
          content: { body: string; content_type: string } | null;
        })[];
      };
      // feed-rs leaves the title's entities encoded; ours are decoded.
      expect(feed.title).toBe(htmlToText(expected.title.content));
      expect(feed.items).toHaveLength(expected.entries.length);
      feed.items.forEach((item, index) => {
        const entry = expected.entries[index];
        // feed-rs makes up ids for items without one; ours differ, only real ones compare.
        if (source.items[index].id) expect(item.id).toBe(entry.id);
        expect(item.title).toBe(entry.title.content);
        expect(item.url).toBe(entry.links[0]?.href);
        expect(item.published).toBe(ms(entry.published));
        expect(item.updated).toBe(ms(entry.updated));
        expect(item.categories).toEqual(entry.categories.map((category) => category.term));
        if (entry.content?.content_type === 'text/plain') {
          expect(text(item.contentHtml)).toBe(entry.content.body);
        } else if (entry.content) {
          expect(item.contentHtml).toBe(entry.content.body);
        }
      });
    },
  );

  it('passes feedparser’s JSON test (title and two entries)', () => {
    const feed = parseCorpus('kurtmckee__feedparser/example.json');
    expect(feed.title).toBe('My Example Feed');
    expect(feed.items).toHaveLength(2);
  });

  it.each([
    ['DanRigby__JsonFeed.NET/DaringFireballBlog.json', 'Daring Fireball', 48],
    ['DanRigby__JsonFeed.NET/HyperCriticalBlog.json', 'Hypercritical', 35],
    ['DanRigby__JsonFeed.NET/MaybePizzaBlog.json', 'Maybe Pizza?', 10],
    ['DanRigby__JsonFeed.NET/TheRecordPodcast.json', 'The Record', 11],
    ['DanRigby__JsonFeed.NET/TimeTablePodcast.json', 'Timetable', 45],
    ['DanRigby__JsonFeed.NET/JsonFeedBlog.json', 'JSON Feed', 1],
    ['DanRigby__JsonFeed.NET/json_v1.1.json', 'Daring Fireball', 48],
    ['DanRigby__JsonFeed.NET/Simple.json', 'My Example Feed', 2],
    ['sonicdoe__jsonfeed-schema/test/examples/v1/simple.json', 'My Example Feed', 2],
    ['sonicdoe__jsonfeed-schema/test/examples/v1/podcast.json', 'The Record', 1],
    ['sonicdoe__jsonfeed-schema/test/examples/v1.1/microblog.json', 'Brent Simmons’s Microblog', 1],
    ['extractus__feed-extractor/json-feed-standard.json', 'JSON Feed', 2],
  ])('%s is %j with %i items', (path, title, count) => {
    const feed = parseCorpus(path);
    expect(feed).toMatchObject({ format: 'json', title });
    expect(feed.items).toHaveLength(count);
    for (const item of feed.items) expect(item.title).not.toBe('');
  });

  it('maps podcast attachments to enclosures', () => {
    const feed = parseCorpus('DanRigby__JsonFeed.NET/TheRecordPodcast.json');
    expect(feed.items[0].enclosures[0]).toEqual({
      url: 'http://therecord.co/downloads/TheRecord-sp1e2-BrentSimmons.m4a',
      type: 'audio/x-m4a',
      length: 75344101,
    });
  });

  it('resolves relative item URLs of a feed without a base of its own', () => {
    const feed: ParsedFeed = parseCorpus('extractus__feed-extractor/json-feed-miss-base-url.json');
    expect(feed.siteUrl).toBe('https://fetched.example/');
    expect(feed.items[0].url).toBe('https://fetched.example/2020/08/07/json-feed-version.html');
  });

  it('rejects gofeed’s invalid JSON with a parse error', () => {
    expect(() => parseCorpus('mmcdole__gofeed/parser/json/invalid/invalid.json')).toThrow(AppError);
  });
});
