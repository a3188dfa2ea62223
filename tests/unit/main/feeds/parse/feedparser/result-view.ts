/**
 * feedparser's result as seen through our model: each key we model maps to a field of
 * ParsedFeed / ParsedItem with the comparison that fits it; any other key is not applicable.
 */
import type { ParsedFeed, ParsedItem } from '@shared/feed-model';
import {
  authorLeaf,
  dateLeaf,
  exactLeaf,
  htmlLeaf,
  sameUrl,
  textLeaf,
  urlLeaf,
} from './comparisons';
import { Leaf, NotApplicable, type Node, type Value } from './values';

export function rootName(name: string, feed: ParsedFeed): Value {
  switch (name) {
    case 'bozo':
      return { kind: 'bozo' };
    case 'feed':
      return feedNode(feed);
    case 'entries':
      return listNode('entries', feed.items.length, (index) => entryNode(feed.items[index], index));
    case 'len':
      return { kind: 'len' };
    default:
      throw new NotApplicable(`top-level \`${name}\` (HTTP, version, encoding…) is not modelled`);
  }
}

function feedNode(feed: ParsedFeed): Node {
  return mapNode('feed', {
    title: () => textLeaf(feed.title),
    title_detail: () => valueNode('feed.title_detail', textLeaf(feed.title)),
    link: () => urlLeaf(feed.siteUrl),
    description: () => textLeaf(feed.description),
    subtitle: () => textLeaf(feed.description),
    tagline: () => textLeaf(feed.description),
    subtitle_detail: () => valueNode('feed.subtitle_detail', textLeaf(feed.description)),
    tagline_detail: () => valueNode('feed.tagline_detail', textLeaf(feed.description)),
    language: () => exactLeaf(feed.language),
    icon: () => urlLeaf(feed.iconUrl),
    logo: () => urlLeaf(feed.iconUrl),
    image: () =>
      mapNode('feed.image', {
        href: () => urlLeaf(feed.iconUrl),
        url: () => urlLeaf(feed.iconUrl),
      }),
  });
}

function entryNode(item: ParsedItem | undefined, index: number): Node {
  const path = `entries[${index}]`;
  const summary = item && (item.summary ?? item.contentHtml);
  return mapNode(path, {
    title: () => textLeaf(item?.title),
    title_detail: () => valueNode(`${path}.title_detail`, textLeaf(item?.title)),
    link: () => urlLeaf(item?.url),
    id: () => exactLeaf(item?.id),
    guid: () => exactLeaf(item?.id),
    author: () => authorLeaf(item?.authors[0]),
    author_detail: () =>
      mapNode(`${path}.author_detail`, { name: () => exactLeaf(item?.authors[0]) }),
    authors: () =>
      listNode(`${path}.authors`, item?.authors.length ?? 0, (n) =>
        mapNode(`${path}.authors[]`, { name: () => exactLeaf(item?.authors[n]) }),
      ),
    published_parsed: () => dateLeaf(item?.published),
    issued_parsed: () => dateLeaf(item?.published),
    // feedparser reads dc:date as `updated`; we keep a feed's only date as `published`.
    updated_parsed: () => dateLeaf(item?.updated ?? item?.published),
    modified_parsed: () => dateLeaf(item?.updated ?? item?.published),
    // feedparser copies HTML content into an empty summary; our summary stays empty, so the
    // equivalent is the content.
    summary: () => htmlLeaf(summary),
    description: () => htmlLeaf(summary),
    summary_detail: () => valueNode(`${path}.summary_detail`, htmlLeaf(summary)),
    content: () =>
      listNode(`${path}.content`, item?.contentHtml ? 1 : 0, (n) => {
        if (n !== 0) throw new NotApplicable('a second content element');
        return valueNode(`${path}.content[0]`, htmlLeaf(item?.contentHtml));
      }),
    enclosures: () =>
      listNode(`${path}.enclosures`, item?.enclosures.length ?? 0, (n) => {
        const enclosure = item?.enclosures[n];
        return mapNode(`${path}.enclosures[]`, {
          href: () => urlLeaf(enclosure?.url),
          url: () => urlLeaf(enclosure?.url),
          type: () => exactLeaf(enclosure?.type),
          length: () =>
            new Leaf(enclosure?.length, (ours, expected) => `${ours}` === `${expected}`),
        });
      }),
    tags: () =>
      listNode(`${path}.tags`, item?.categories.length ?? 0, (n) =>
        mapNode(`${path}.tags[]`, {
          term: () => exactLeaf(item?.categories[n]),
          label: () => exactLeaf(item?.categories[n]),
        }),
      ),
    category: () => exactLeaf(item?.categories[0]),
    image: () =>
      mapNode(`${path}.image`, {
        href: () =>
          new Leaf(item?.images, (ours, expected) =>
            (ours as string[]).some((url) => sameUrl(url, expected)),
          ),
      }),
  });
}

function mapNode(path: string, keys: Record<string, () => Value>): Node {
  return {
    kind: 'node',
    path,
    get(key) {
      if (typeof key !== 'string' || !Object.hasOwn(keys, key)) {
        throw new NotApplicable(`${path}[${JSON.stringify(key)}] is not modelled`);
      }
      return keys[key]();
    },
  };
}

function valueNode(path: string, leaf: Leaf): Node {
  return mapNode(path, { value: () => leaf });
}

function listNode(path: string, length: number, at: (index: number) => Value): Node {
  return {
    kind: 'node',
    path,
    get(key) {
      if (typeof key !== 'number') throw new NotApplicable(`${path} indexed by ${key}`);
      return at(key < 0 ? length + key : key);
    },
    length: () => length,
  };
}
