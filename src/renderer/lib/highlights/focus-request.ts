/**
 * Which highlight the reader should scroll to once its article is shown: the Highlights view
 * asks, the reader takes the request when it has marked that article. A module value rather
 * than a prop, because the view and the reader are features that never import each other.
 */
let pending: { articleId: string; highlightId: string } | undefined;

export function requestHighlightFocus(articleId: string, highlightId: string): void {
  pending = { articleId, highlightId };
}

/** The highlight to scroll to in this article, once; undefined when none was asked for. */
export function takeHighlightFocus(articleId: string): string | undefined {
  if (pending?.articleId !== articleId) return undefined;
  const { highlightId } = pending;
  pending = undefined;
  return highlightId;
}
