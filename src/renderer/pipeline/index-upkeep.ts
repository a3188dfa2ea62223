import type { ArticleChanges } from '../db/article-changes';
import { onArticlesChanged } from '../db/database';
import { announceIndexed, searchClient } from './search-connection';
import type { SearchClient } from '../search/search-client';

/** Changes arriving this close together go to the worker as one request. */
const BATCH_MS = 30;
/** Ids per request, so one huge sync never makes a single long worker transaction. */
const CHUNK = 500;
/** After a failed update (a full disk), the first retry; each failure after doubles it. */
const RETRY_MS = 30_000;
const MAX_RETRY_MS = 5 * 60_000;

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
  private retryMs: number;
  /** Whether the pending timer is a retry's (a new write need not wait for it). */
  private retrying = false;

  constructor(
    private readonly client: () => Pick<SearchClient, 'index' | 'remove' | 'check'>,
    private readonly onDone: () => void = () => undefined,
    private readonly batchMs = BATCH_MS,
    private readonly firstRetryMs = RETRY_MS,
  ) {
    this.retryMs = firstRetryMs;
  }

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
    // A new write is the best moment to try again: a retry waiting for its timer goes with it.
    if (this.retrying) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.schedule(this.batchMs, false);
  }

  private schedule(ms: number, retrying: boolean): void {
    if (this.timer !== undefined) return;
    this.retrying = retrying;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.retrying = false;
      this.running = this.running.then(() => this.flush());
    }, ms);
  }

  /**
   * Settles once everything queued so far has reached the index, or failed to (tests,
   * shutdown); a failure's retry is left to its own timer.
   */
  async settled(): Promise<void> {
    while (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.retrying = false;
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
      this.retryMs = this.firstRetryMs;
    } catch (error) {
      // The worker could not write (storage full, worker stopped). The articles are stored;
      // their ids go back in the queue — unless a later change replaced them — and are sent
      // again a while later, so space that returns brings the index back in step without
      // waiting for the worker's next start-up check.
      console.warn('Search index update failed', error);
      for (const id of upserted) if (!this.deleted.has(id)) this.upserted.add(id);
      for (const id of deleted) if (!this.upserted.has(id)) this.deleted.add(id);
      this.unknown ||= unknown;
      this.schedule(this.retryMs, true);
      this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
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
