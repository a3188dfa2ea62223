/**
 * How a query reads the stored index: pages through the page cache (one batch from storage for
 * the misses), postings and positions streams cut out of their pages, and dictionary blocks
 * through the decoded block cache. The engine owns the caches (a write stages pages in them, a
 * reload clears them); this only reads.
 */
import type { BlockCache } from './block-cache';
import type { PostingsRequest } from './executor';
import { PageCache } from './page-cache';
import {
  DICT_PAGE_BASE,
  POSITIONS_PAGE_BASE,
  pagesFor,
  sliceStream,
  type SegmentHeader,
} from './segment';
import { IndexCorruptError } from './index-corrupt-error';
import type { IndexStorage, PageRequest } from './storage';
import { decodeBlock, type DecodedBlock } from './term-blocks';

export class PageReader {
  constructor(
    private readonly storage: IndexStorage,
    private readonly cache: PageCache,
    private readonly blockCache: BlockCache,
  ) {}

  /**
   * Pages from the cache or, in one batch, from storage; `keep` adds those read to the cache
   * (dictionary blocks are cached decoded instead).
   */
  async readPages(requests: PageRequest[], keep: boolean): Promise<Uint8Array[]> {
    const found = new Map<string, Uint8Array>();
    const wanted = new Map<string, PageRequest>();
    for (const request of requests) {
      const key = PageCache.key(request.segment, request.page);
      const cached = this.cache.get(key);
      if (cached) found.set(key, cached);
      else wanted.set(key, request);
    }
    if (wanted.size) {
      const list = [...wanted.values()];
      const pages = await this.storage.readPages(list);
      list.forEach((request, i) => {
        const page = pages[i];
        if (!page)
          throw new IndexCorruptError(
            `Search index page ${request.segment}:${request.page} is missing`,
          );
        const key = PageCache.key(request.segment, request.page);
        found.set(key, page);
        if (keep) this.cache.set(key, page);
      });
    }
    return requests.map(({ segment, page }) => found.get(PageCache.key(segment, page))!);
  }

  async readStreams(requests: PostingsRequest[]): Promise<Uint8Array[]> {
    const pageRequests = new Map<string, PageRequest>();
    for (const { segment, start, end, positions } of requests) {
      const [first, last] = pagesFor(start, end);
      const base = positions ? POSITIONS_PAGE_BASE : 0;
      for (let page = base + first; page <= base + last; page++)
        pageRequests.set(PageCache.key(segment.id, page), { segment: segment.id, page });
    }
    const list = [...pageRequests.values()];
    const read = await this.readPages(list, true);
    const pages = new Map(list.map((r, i) => [PageCache.key(r.segment, r.page), read[i]!]));
    return requests.map(({ segment, start, end, positions }) => {
      const [first, last] = pagesFor(start, end);
      const base = positions ? POSITIONS_PAGE_BASE : 0;
      const parts: Uint8Array[] = [];
      for (let page = base + first; page <= base + last; page++)
        parts.push(pages.get(PageCache.key(segment.id, page))!);
      return sliceStream(parts, first, start, end);
    });
  }

  /**
   * Dictionary blocks for one query: those it touched stay pinned until it ends (so planning
   * rounds always make progress), misses are loaded in one batch by `loadMissed`.
   */
  blockSession() {
    const pinned = new Map<string, DecodedBlock>();
    const missed = new Map<string, PageRequest>();
    return {
      blocks: {
        block: (segment: SegmentHeader, index: number) => {
          const key = PageCache.key(segment.id, index);
          const block = pinned.get(key) ?? this.blockCache.get(key);
          if (block) pinned.set(key, block);
          else missed.set(key, { segment: segment.id, page: DICT_PAGE_BASE + index });
          return block;
        },
      },
      loadMissed: async () => {
        if (!missed.size) return false;
        const list = [...missed];
        missed.clear();
        const pages = await this.readPages(
          list.map(([, request]) => request),
          false,
        );
        list.forEach(([key], i) => {
          const block = decodeBlock(pages[i]!);
          pinned.set(key, block);
          this.blockCache.set(key, block);
        });
        return true;
      },
    };
  }
}
