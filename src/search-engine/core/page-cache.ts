/** Least-recently-used postings pages, bounded by bytes: warm queries skip storage. */
export class PageCache {
  private readonly pages = new Map<string, Uint8Array>();
  private bytes = 0;

  constructor(private readonly budget: number) {}

  static key(segment: number, page: number): string {
    return `${segment}:${page}`;
  }

  get(key: string): Uint8Array | undefined {
    const page = this.pages.get(key);
    if (page) {
      this.pages.delete(key);
      this.pages.set(key, page);
    }
    return page;
  }

  set(key: string, page: Uint8Array): void {
    const previous = this.pages.get(key);
    if (previous) {
      this.bytes -= previous.byteLength;
      this.pages.delete(key);
    }
    this.pages.set(key, page);
    this.bytes += page.byteLength;
    for (const [oldest, evicted] of this.pages) {
      if (this.bytes <= this.budget) break;
      this.pages.delete(oldest);
      this.bytes -= evicted.byteLength;
    }
  }

  dropSegment(segment: number, pages: number[]): void {
    for (const page of pages) {
      const key = PageCache.key(segment, page);
      const cached = this.pages.get(key);
      if (!cached) continue;
      this.bytes -= cached.byteLength;
      this.pages.delete(key);
    }
  }

  clear(): void {
    this.pages.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.bytes;
  }
}
