/** Pages written to hold an HTML parser, as the hostile tryout sent them; and an honest one. */

const PARAGRAPH =
  'The committee met on Tuesday to weigh the proposal, and after a long debate about costs, ' +
  'timing and the views of residents it agreed to publish a revised plan within a month.';

/** A short real article: enough words for Readability and the article test. */
export function honestPage(title = 'A council agrees a plan'): string {
  const body = Array.from({ length: 6 }, () => `<p>${PARAGRAPH}</p>`).join('');
  return `<!DOCTYPE html><html><head><title>${title}</title></head><body><article><h1>${title}</h1>${body}</article></body></html>`;
}

/** `depth` nested `<div>`s around one word: 10,000 of them is 115 KB. */
export function nestedDivs(depth: number): string {
  return `<!DOCTYPE html><html><body>${'<div>'.repeat(depth)}deep${'</div>'.repeat(depth)}</body></html>`;
}

/** `count` iframes, each in its own wrapper, after an article's worth of text. */
export function manyIframes(count: number): string {
  const frames = Array.from(
    { length: count },
    (_, i) => `<div><iframe src="https://player.example/embed/${i}"></iframe></div>`,
  ).join('');
  return `<!DOCTYPE html><html><body><article>${honestParagraphs()}${frames}</article></body></html>`;
}

/**
 * Within every limit of the pre-scan (depth under 512, few elements) and still slow: jsdom and
 * Readability do work per element per level, so `chains` chains of 500 levels take seconds.
 */
export function slowButAllowed(chains = 20): string {
  const chain = `${'<div>'.repeat(500)}x${'</div>'.repeat(500)}`;
  return `<!DOCTYPE html><html><body><article>${honestParagraphs()}${chain.repeat(chains)}</article></body></html>`;
}

/** A real article, 4 MB of it: fine for the real heap cap, far past a tiny one. */
export function hugeArticle(): string {
  const body = Array.from({ length: 20_000 }, () => `<p>${PARAGRAPH}</p>`).join('');
  return `<!DOCTYPE html><html><head><title>Long</title></head><body><article>${body}</article></body></html>`;
}

function honestParagraphs(): string {
  return Array.from({ length: 6 }, () => `<p>${PARAGRAPH}</p>`).join('');
}
