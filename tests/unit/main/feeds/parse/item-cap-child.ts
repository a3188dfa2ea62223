/**
 * Run by parse-feed.item-cap.test.ts in a child process with a small heap: generates a feed of many small
 * items and parses it with a cap, printing the kept items' ids and dates as JSON. A parser
 * that holds every item (or the tree of them) at once runs out of heap and the child dies.
 *
 *   node --max-old-space-size=<MB> --import tsx item-cap-child.ts <rss|atom|json> <items> <cap>
 */
import { parseFeed } from '@main/feeds/parse/parse-feed';
import { bigFeed } from './item-cap-feeds';

const [format = 'rss', items = '0', cap = ''] = process.argv.slice(2);
const feed = parseFeed(bigFeed(format, Number(items)), {
  url: 'https://example.com/feed',
  now: Date.UTC(2030, 0, 1),
  maxItems: cap ? Number(cap) : undefined,
});
process.stdout.write(JSON.stringify(feed.items.map((item) => [item.id, item.published])));
