/**
 * The item cap: a feed keeps only its newest N items, and a hostile feed of 200,000 items costs
 * what N items cost — in what the parser returns and in the memory it needs on the way.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '@main/feeds/parse/parse-feed';
import { itemDate } from './item-cap-feeds';

const NOW = Date.UTC(2030, 0, 1);
const parse = (text: string, maxItems?: number) =>
  parseFeed(text, { url: 'https://example.com/feed', now: NOW, maxItems });
const ids = (text: string, maxItems?: number) => parse(text, maxItems).items.map((i) => i.id);

const rss = (items: string) =>
  `<rss version="2.0"><channel><title>t</title>${items}</channel></rss>`;
const rssItem = (id: string, date?: string) =>
  `<item><guid>${id}</guid><title>${id}</title>${date ? `<pubDate>${date}</pubDate>` : ''}</item>`;
const day = (d: number) => new Date(Date.UTC(2024, 0, d)).toUTCString();

describe('the item cap', () => {
  it('keeps the newest items by date, in document order', () => {
    const feed = rss(
      [rssItem('a', day(3)), rssItem('b', day(9)), rssItem('c', day(1)), rssItem('d', day(7))].join(
        '',
      ),
    );
    expect(ids(feed, 2)).toEqual(['b', 'd']);
    expect(ids(feed)).toEqual(['a', 'b', 'c', 'd']);
    expect(ids(feed, 0)).toEqual([]);
  });

  it('counts undated items as newest (the store stamps them on arrival), ties in document order', () => {
    const feed = rss(
      [rssItem('old', day(1)), rssItem('u1'), rssItem('new', day(9)), rssItem('u2')].join(''),
    );
    expect(ids(feed, 2)).toEqual(['u1', 'u2']);
    expect(ids(feed, 3)).toEqual(['u1', 'new', 'u2']);
    const undated = rss(['x', 'y', 'z'].map((id) => rssItem(id)).join(''));
    expect(ids(undated, 2)).toEqual(['x', 'y']);
  });

  it('uses the updated date when an item has no published date', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
      <entry><id>p</id><published>2024-01-05T00:00:00Z</published></entry>
      <entry><id>u</id><updated>2024-01-08T00:00:00Z</updated></entry>
      <entry><id>o</id><updated>2024-01-02T00:00:00Z</updated></entry></feed>`;
    expect(ids(atom, 2)).toEqual(['p', 'u']);
  });

  it('gives an item without an id the same id whether or not its neighbours are kept', () => {
    // Two items share the home page as their link, so neither may use it as its id, even
    // when the other is not kept.
    const feed = rss(
      `<item><title>new</title><link>https://example.com/</link><pubDate>${day(9)}</pubDate></item>` +
        `<item><title>old</title><link>https://example.com/</link><pubDate>${day(1)}</pubDate></item>` +
        `<item><title>own</title><link>https://example.com/own</link><pubDate>${day(5)}</pubDate></item>`,
    );
    const whole = parse(feed).items;
    const capped = parse(feed, 2).items;
    expect(capped.map((item) => item.title)).toEqual(['new', 'own']);
    expect(capped).toEqual([whole[0], whole[2]]);
    expect(capped[0].id).toMatch(/^sha256:/);
    expect(capped[1].id).toBe('https://example.com/own');
  });

  it('reads RSS items outside the channel and RDF items next to it, under the cap too', () => {
    const rdf = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
      xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="https://example.com/"><title>t</title></channel>
      <item rdf:about="https://example.com/1"><title>1</title><dc:date>2024-01-01</dc:date></item>
      <item rdf:about="https://example.com/2"><title>2</title><dc:date>2024-01-03</dc:date></item>
      <item rdf:about="https://example.com/3"><title>3</title><dc:date>2024-01-02</dc:date></item>
      </rdf:RDF>`;
    expect(parse(rdf, 2).items.map((item) => item.title)).toEqual(['2', '3']);
    const outside = `<rss><channel><title>t</title>${rssItem('in', day(2))}</channel>${rssItem('out', day(4))}</rss>`;
    expect(ids(outside)).toEqual(['in', 'out']);
    expect(ids(outside, 1)).toEqual(['out']);
  });

  it('gives Atom entries the feed’s author even when it comes after them', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
      <entry><id>1</id><updated>2024-01-01T00:00:00Z</updated></entry>
      <entry><id>2</id><updated>2024-01-02T00:00:00Z</updated><author><name>Own</name></author></entry>
      <author><name>Feed</name></author></feed>`;
    expect(parse(atom, 5).items.map((item) => item.authors)).toEqual([['Feed'], ['Own']]);
  });

  it('caps JSON Feed items the same way', () => {
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 't',
      items: [
        { id: 'a', date_published: '2024-01-03T00:00:00Z' },
        { id: 'b', date_published: '2024-01-09T00:00:00Z' },
        { id: 'c', date_published: '2024-01-01T00:00:00Z' },
      ],
    });
    expect(ids(json, 2)).toEqual(['a', 'b']);
  });
});

describe('a feed of 200,000 items with a cap of 100', () => {
  const ITEMS = 200_000;
  const CAP = 100;
  /**
   * The child's heap limit. Generating the feed and parsing it with the cap fits in 96 MB
   * (XML in 80); building the whole tree or every item, as the parser did before the cap,
   * ran out of heap at 128 MB for RSS, Atom and JSON Feed alike (XML even at 192).
   */
  const HEAP_MB = 128;

  const expected = Array.from({ length: ITEMS }, (_, i) => i)
    .sort((a, b) => itemDate(b, ITEMS) - itemDate(a, ITEMS))
    .slice(0, CAP)
    .sort((a, b) => a - b)
    .map((i) => [`i${i}`, itemDate(i, ITEMS)]);

  function parseInSmallHeap(format: string): Promise<{ code: number; stdout: string }> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [
          `--max-old-space-size=${HEAP_MB}`,
          '--import',
          'tsx',
          path.join(__dirname, 'item-cap-child.ts'),
          format,
          String(ITEMS),
          String(CAP),
        ],
        { cwd: path.resolve(__dirname, '../../../../..'), timeout: 150_000, maxBuffer: 1 << 26 },
        (error, stdout) => {
          const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
          resolve({ code, stdout });
        },
      );
    });
  }

  it.each(['rss', 'atom', 'json'])(
    'returns the %s feed’s 100 newest items in document order, within a 128 MB heap',
    async (format) => {
      const { code, stdout } = await parseInSmallHeap(format);
      expect(code, 'the child ran out of heap or failed').toBe(0);
      expect(JSON.parse(stdout)).toEqual(expected);
    },
    180_000,
  );
});
