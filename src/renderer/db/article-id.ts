/**
 * An article's key: `${feedId}|${guid}`, so the same item from the same feed is always the same
 * row. Feed ids hold no `|`; the guid may.
 */
export function articleId(feedId: string, guid: string): string {
  return `${feedId}|${guid}`;
}

/** The feed an article key belongs to; undefined for anything that is not such a key. */
export function feedOfArticleId(id: unknown): string | undefined {
  if (typeof id !== 'string') return undefined;
  const bar = id.indexOf('|');
  return bar > 0 ? id.slice(0, bar) : undefined;
}

/** The guid part of an article key (an account article's remote id). */
export function guidOfArticleId(id: string): string {
  return id.slice(id.indexOf('|') + 1);
}
