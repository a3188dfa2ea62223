/**
 * `feed <file-or-url> [--url <base-url>]`: the feed as the app would store it, as JSON. A URL
 * goes through the app's own fetch, parse and sanitize; a file is parsed and sanitized the same
 * way, with `--url` (default: the file's own file: URL) as the base for its relative links.
 */
import type { ParsedFeed, ParsedItem } from '../../shared/feed-model';
import { AppError } from '../../shared/result';
import { fetchAndParseFeed, sanitizeFeed } from '../feeds/feed-service';
import { parseFeed } from '../feeds/parse/parse-feed';
import { parseArgs, UsageError } from './args';
import type { CliIo } from './cli-io';
import type { Command } from './command';
import { classifyTarget, readTargetFile, typedHost } from './target';
import { isWebUrl } from '../../shared/web-url';

export const feedCommand: Command = {
  name: 'feed',
  usage: 'feed <file-or-url> [--url <base-url>]',
  async run(argv, io) {
    const args = parseArgs(argv, { positionals: 1, options: ['url'] });
    const target = classifyTarget(args.positionals[0]);
    const baseUrl = args.options.get('url');
    if (baseUrl !== undefined && !isWebUrl(baseUrl)) {
      throw new UsageError('--url needs an http or https URL');
    }
    if (baseUrl !== undefined && target.kind === 'url') {
      throw new UsageError('--url is for files; a fetched feed’s base is its own URL');
    }
    const feed =
      target.kind === 'url'
        ? await fetchFeedAt(io, target.url)
        : sanitizeFeed(
            parseFeed(await readTargetFile(io, target.path), {
              url: baseUrl ?? target.fileUrl,
              now: io.now(),
            }),
          );
    return `${JSON.stringify(feedJson(feed), null, 2)}\n`;
  },
};

async function fetchFeedAt(io: CliIo, url: string): Promise<ParsedFeed> {
  const result = await fetchAndParseFeed(
    { fetch: io.fetchFor(typedHost(url)), userAgent: io.userAgent, now: io.now },
    { url },
  );
  // Nothing was asked conditionally, so only a broken server says "not modified".
  if (result.status !== 'ok') throw new AppError('http', 'main.cli.notModified');
  return result.feed;
}

/** The feed without its items, then the items, with dates as ISO 8601 for people to read. */
export function feedJson(feed: ParsedFeed): { feed: Omit<ParsedFeed, 'items'>; items: unknown[] } {
  const { items, ...rest } = feed;
  return { feed: rest, items: items.map(itemJson) };
}

function itemJson(item: ParsedItem): Record<string, unknown> {
  return { ...item, published: isoDate(item.published), updated: isoDate(item.updated) };
}

function isoDate(epochMs: number | undefined): string | undefined {
  if (epochMs === undefined || !Number.isFinite(epochMs)) return undefined;
  const date = new Date(epochMs);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
