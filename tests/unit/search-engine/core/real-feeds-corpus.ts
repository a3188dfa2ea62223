/**
 * The real-feeds corpus (../shared/corpora/real-feeds) as searchable articles: every item of
 * every feed the app's parser reads, in manifest order. Shared by the relevance test and the
 * search benchmark.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseFeed } from '@main/feeds/parse/parse-feed';
import type { IndexDocument } from '@search-engine/core/document';
import type { ParsedFeed } from '@shared/feed-model';

/**
 * Beside the repository; BROADSHEET_REAL_FEEDS points elsewhere (a git worktree is one folder
 * deeper than the checkout the corpus sits beside).
 */
export const REAL_FEEDS =
  process.env['BROADSHEET_REAL_FEEDS'] ??
  path.resolve(__dirname, '../../../../../shared/corpora/real-feeds');

export function hasRealFeeds(): boolean {
  return existsSync(path.join(REAL_FEEDS, 'manifest.tsv'));
}

export interface CorpusFeed {
  file: string;
  title: string;
  language?: string;
  items: IndexDocument[];
}

const NOW = Date.UTC(2025, 0, 1);

/** Every feed file of the manifest the app's parser reads, parsed as of `now`, in order. */
export function parseRealFeeds(now: number): { file: string; parsed: ParsedFeed }[] {
  const manifest = readFileSync(path.join(REAL_FEEDS, 'manifest.tsv'), 'utf8');
  const [header = '', ...rows] = manifest.split('\n').filter((line) => line.trim());
  const fileColumn = header.split('\t').indexOf('file');
  const out: { file: string; parsed: ParsedFeed }[] = [];
  for (const row of rows) {
    const file = row.split('\t')[fileColumn] ?? '';
    try {
      const bytes = new Uint8Array(readFileSync(path.join(REAL_FEEDS, file)));
      out.push({ file, parsed: parseFeed(bytes, { url: `https://corpus.invalid/${file}`, now }) });
    } catch {
      continue;
    }
  }
  return out;
}

export function loadRealFeeds(): CorpusFeed[] {
  return parseRealFeeds(NOW).map(({ file, parsed }) => {
    const feedId = file;
    const items = parsed.items.map((item, index): IndexDocument => ({
      id: `${feedId}|${item.id}|${index}`,
      feedId,
      feedTitle: parsed.title,
      title: item.title,
      authors: item.authors,
      publishedAt: item.published ?? NOW - index * 3_600_000,
      summary: item.summary,
      contentHtml: item.contentHtml,
      tags: [],
      categories: item.categories,
      unread: 1,
      lang: parsed.language,
      fetchedAt: NOW,
    }));
    return { file, title: parsed.title, language: parsed.language, items };
  });
}
