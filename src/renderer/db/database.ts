import { trackArticleChanges, type ArticleChangeListener } from './article-changes';
import { createDb, type BroadsheetDb } from './schema';
import { recordSpan, spanStart } from '../lib/user-timing';

let instance: BroadsheetDb | undefined;
const changeListeners = new Set<ArticleChangeListener>();

/** The app's one database connection; repositories use it, components never do. */
export function getDb(): BroadsheetDb {
  if (!instance) {
    instance = createDb();
    // Dexie opens at the first query: how long that open takes (bench:ui reads it).
    const opening = spanStart();
    instance.on('ready', () => recordSpan('start.library-open', opening));
    // Every write to the articles table, from any repository, is reported once committed.
    trackArticleChanges(instance, (changes) => {
      for (const listener of changeListeners) listener(changes);
    });
  }
  return instance;
}

/** Hears every committed change to the app database's articles; returns the unsubscribe. */
export function onArticlesChanged(listener: ArticleChangeListener): () => void {
  changeListeners.add(listener);
  return () => changeListeners.delete(listener);
}
