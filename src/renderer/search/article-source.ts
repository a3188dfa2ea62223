/**
 * The worker's read-only view of the app database: articles (with their feed's title and
 * language) in the shape the index reads, in batches for a rebuild, and their text for phrase
 * checks and snippets. The worker never writes to the app database.
 */
import type { Article, Feed } from '../db/entities';
import type { BroadsheetDb } from '../db/schema';
import type { SearchableArticle } from './core/document';

const FEED_CACHE_MS = 2_000;

export class ArticleSource {
  private feeds?: { at: number; byId: Map<string, Feed> };

  constructor(readonly db: BroadsheetDb) {}

  async feedMap(): Promise<Map<string, Feed>> {
    const now = Date.now();
    if (!this.feeds || now - this.feeds.at > FEED_CACHE_MS) {
      const rows = await this.db.feeds.toArray();
      this.feeds = { at: now, byId: new Map(rows.map((feed) => [feed.id, feed])) };
    }
    return this.feeds.byId;
  }

  async feedTitles(): Promise<Map<string, string>> {
    const titles = new Map<string, string>();
    for (const [id, feed] of await this.feedMap()) titles.set(id, feed.customTitle ?? feed.title);
    return titles;
  }

  static searchable(article: Article, feed: Feed | undefined): SearchableArticle {
    return {
      ...article,
      feedTitle: feed ? (feed.customTitle ?? feed.title) : undefined,
      lang: article.lang ?? feed?.language,
    };
  }

  async byIds(ids: string[]): Promise<Map<string, Article>> {
    const rows = await this.db.articles.bulkGet(ids);
    const out = new Map<string, Article>();
    for (const row of rows) if (row) out.set(row.id, row);
    return out;
  }

  async searchableByIds(ids: string[]): Promise<Map<string, SearchableArticle>> {
    const [articles, feeds] = await Promise.all([this.byIds(ids), this.feedMap()]);
    const out = new Map<string, SearchableArticle>();
    for (const [id, article] of articles)
      out.set(id, ArticleSource.searchable(article, feeds.get(article.feedId)));
    return out;
  }

  count(): Promise<number> {
    return this.db.articles.count();
  }

  /**
   * Every article in primary-key order, `size` at a time; the next batch is read while the
   * caller indexes the current one.
   */
  async *batches(size = 500): AsyncGenerator<SearchableArticle[]> {
    const feeds = await this.feedMap();
    const read = (after: string | undefined): Promise<Article[]> =>
      (after === undefined
        ? this.db.articles.orderBy(':id')
        : this.db.articles.where(':id').above(after)
      )
        .limit(size)
        .toArray();
    let pending = read(undefined);
    for (;;) {
      const rows = await pending;
      if (!rows.length) return;
      pending = rows.length < size ? Promise.resolve([]) : read(rows.at(-1)!.id);
      yield rows.map((article) => ArticleSource.searchable(article, feeds.get(article.feedId)));
    }
  }
}
