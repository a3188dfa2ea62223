/**
 * The worker's read-only view of the app database: articles (with their feed's title and
 * language) in the shape the index reads, in batches for a rebuild, and their text for phrase
 * checks and snippets. The worker never writes to the app database.
 */
import type { DatabaseHandle } from '../../search-engine/idb/database-handle';
import type { Article, Feed, Highlight } from '../db/entities';
import { ReadSlot } from '../../search-engine/idb/read-connection';
import type { BroadsheetDb } from '../db/schema';
import { feedTitle, toIndexDocument } from '../db/index-document';
import type { IndexDocument } from '../../search-engine/core/document';

const FEED_CACHE_MS = 2_000;

export class ArticleSource {
  private feeds?: { at: number; byId: Map<string, Feed> };
  /**
   * Reads articles by id (snippets) without Dexie: a first search need not wait for Dexie's
   * open of the whole app database.
   */
  readonly reader: ReadSlot;

  constructor(readonly db: DatabaseHandle<BroadsheetDb>) {
    this.reader = new ReadSlot(db);
  }

  async feedMap(): Promise<Map<string, Feed>> {
    const now = Date.now();
    if (!this.feeds || now - this.feeds.at > FEED_CACHE_MS) {
      const rows = await (await this.db.dexie()).feeds.toArray();
      this.feeds = { at: now, byId: new Map(rows.map((feed) => [feed.id, feed])) };
    }
    return this.feeds.byId;
  }

  async feedTitles(): Promise<Map<string, string>> {
    const titles = new Map<string, string>();
    for (const [id, feed] of await this.feedMap()) titles.set(id, feedTitle(feed));
    return titles;
  }

  static searchable(
    article: Article,
    feed: Feed | undefined,
    highlights?: readonly Highlight[],
  ): IndexDocument {
    return toIndexDocument(article, feed, highlights);
  }

  /** The highlights of some articles (searched with their notes), by article id. */
  async highlightsOf(ids: readonly string[]): Promise<Map<string, Highlight[]>> {
    const out = new Map<string, Highlight[]>();
    if (ids.length === 0) return out;
    const rows = await (await this.db.dexie()).highlights.where('articleId').anyOf(ids).toArray();
    rows.sort((a, b) => a.createdAt - b.createdAt);
    for (const row of rows) out.set(row.articleId, [...(out.get(row.articleId) ?? []), row]);
    return out;
  }

  close(): void {
    this.reader.close();
  }

  async byIds(ids: string[]): Promise<Map<string, Article>> {
    const reader = await this.reader.get();
    const rows = reader
      ? await reader.getMany<Article>('articles', ids)
      : await (await this.db.dexie()).articles.bulkGet(ids);
    const out = new Map<string, Article>();
    for (const row of rows) if (row) out.set(row.id, row);
    return out;
  }

  async searchableByIds(ids: string[]): Promise<Map<string, IndexDocument>> {
    const [articles, feeds, highlights] = await Promise.all([
      this.byIds(ids),
      this.feedMap(),
      this.highlightsOf(ids),
    ]);
    const out = new Map<string, IndexDocument>();
    for (const [id, article] of articles)
      out.set(id, ArticleSource.searchable(article, feeds.get(article.feedId), highlights.get(id)));
    return out;
  }

  async count(): Promise<number> {
    return (await this.db.dexie()).articles.count();
  }

  /**
   * Every article in primary-key order, `size` at a time; the next batch — its rows and then
   * their highlights — is read while the caller indexes the current one.
   */
  async *batches(size = 500): AsyncGenerator<IndexDocument[]> {
    const feeds = await this.feedMap();
    const { articles } = await this.db.dexie();
    const read = async (after: string | undefined) => {
      const rows = await (
        after === undefined ? articles.orderBy(':id') : articles.where(':id').above(after)
      )
        .limit(size)
        .toArray();
      return { rows, highlights: await this.highlightsOf(rows.map((article) => article.id)) };
    };
    let pending = read(undefined);
    for (;;) {
      const { rows, highlights } = await pending;
      if (!rows.length) return;
      pending =
        rows.length < size ? Promise.resolve({ rows: [], highlights }) : read(rows.at(-1)!.id);
      yield rows.map((article) =>
        ArticleSource.searchable(article, feeds.get(article.feedId), highlights.get(article.id)),
      );
    }
  }
}
