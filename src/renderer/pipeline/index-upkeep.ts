import type { ArticleChanges } from '../db/article-changes';
import { onArticlesChanged } from '../db/database';
import { announceIndexed, searchClient } from './search-connection';
import type { SearchClient } from '../search/search-client';

/** Changes arriving this close together go to the worker as one request. */
const BATCH_MS = 30;
/** Ids per request, so one huge sync never makes a single long worker transaction. */
const CHUNK = 500;

/**
 * Keeps the search index in step with the articles table: every committed write (the database
 * middleware reports them, whichever repository made them) is queued, and sent to the worker
 * in batches — changed articles to `index`, deleted ones to `remove`, writes whose keys are
 * unknown to a `check`. A page that dies before a batch is sent loses nothing: the worker
 * compares the index with the table at its next start.
 */
export class IndexUpkeep {
  private readonly upserted = new Set<string>();
  private readonly deleted = new Set<string>();
  private unknown = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: () => Pick<SearchClient, 'index' | 'remove' | 'check'>,
    private readonly onDone: () => void = () => undefined,
    private readonly batchMs = BATCH_MS,
  ) {}

  add(changes: ArticleChanges): void {
    for (const id of changes.upserted) {
      this.deleted.delete(id);
      this.upserted.add(id);
    }
    for (const id of changes.deleted) {
      this.upserted.delete(id);
      this.deleted.add(id);
    }
    this.unknown ||= changes.unknown;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.running = this.running.then(() => this.flush());
    }, this.batchMs);
  }

  /** Settles once everything queued so far has reached the index (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.running = this.running.then(() => this.flush());
    }
    await this.running;
  }

  private async flush(): Promise<void> {
    const upserted = [...this.upserted];
    const deleted = [...this.deleted];
    const unknown = this.unknown;
    this.upserted.clear();
    this.deleted.clear();
    this.unknown = false;
    if (!upserted.length && !deleted.length && !unknown) return;
    const client = this.client();
    try {
      for (let i = 0; i < deleted.length; i += CHUNK)
        await client.remove(deleted.slice(i, i + CHUNK));
      for (let i = 0; i < upserted.length; i += CHUNK)
        await client.index(upserted.slice(i, i + CHUNK));
      if (unknown) await client.check({ repair: true });
    } catch (error) {
      // The worker could not write (storage full, worker stopped): its next start-up check
      // finds what is missing, so the write the reader made is not at risk.
      console.warn('Search index update failed', error);
    }
    this.onDone();
  }
}

let installed: (() => void) | undefined;

/** Starts the page's index upkeep (once); returns the stop function. */
export function startIndexUpkeep(): () => void {
  if (installed) return installed;
  const upkeep = new IndexUpkeep(searchClient, announceIndexed);
  const unsubscribe = onArticlesChanged((changes) => upkeep.add(changes));
  installed = () => {
    unsubscribe();
    installed = undefined;
  };
  return installed;
}
