/**
 * Embedded players and posts (YouTube, Vimeo, X/Twitter, Instagram, …) cannot play offline and
 * frames are not allowed in stored articles. Each becomes a link card the sanitizer keeps:
 * `<figure><a href="…">Video: title</a></figure>`. Runs before Readability so the card is
 * scored as content and survives; again in the cleaner for HTML that skipped that step.
 */
import { isTrackerUrl } from '../privacy/trackers';
import { resolveWebUrl } from '../../shared/web-url';

interface EmbedTarget {
  url: string;
  kind: 'Video' | 'Audio' | 'Post' | 'Map' | 'Embedded content';
  provider?: string;
}

const WRAPPER_TAGS = new Set(['DIV', 'SPAN', 'P', 'SECTION']);

/**
 * Linear in the number of embeds. jsdom finds a node's place among its siblings by counting
 * from the first one after any change to them, so replacing 5,000 wrapped iframes one by one
 * cost 5,000²/2 steps (tens of seconds). Every change is decided first, on the untouched tree,
 * then each parent's children are rebuilt once (replaceSiblings).
 */
export function replaceEmbeds(root: ParentNode, baseUrl: string): void {
  const players: { frame: Element; url: string }[] = [];
  const dropped = new Map<ChildNode, Replacement>();
  for (const frame of Array.from(root.querySelectorAll('iframe, embed, object, video, audio'))) {
    const url = absolute(frameSource(frame), baseUrl);
    if (!url || isTrackerUrl(url)) dropped.set(frame, () => undefined);
    else players.push({ frame, url });
  }
  // Dropped first, so a wrapper left holding one player is seen as that player's wrapper.
  replaceSiblings(dropped);

  const cards = new Map<ChildNode, Replacement>();
  let replaced: Node | undefined;
  for (const { frame, url } of players) {
    // Inside a dropped frame, or inside the previous player's card: already gone.
    if (!root.contains(frame) || replaced?.contains(frame)) continue;
    const [target, card] = linkCard(frame, url);
    cards.set(target, () => card);
    replaced = target;
  }
  replaceSiblings(cards);

  const quotes = new Map<ChildNode, Replacement>();
  for (const quote of Array.from(
    root.querySelectorAll('blockquote.twitter-tweet, blockquote.instagram-media'),
  )) {
    if (quote.parentElement?.tagName !== 'FIGURE') quotes.set(quote, () => quotedPost(quote));
  }
  replaceSiblings(quotes);
}

function frameSource(frame: Element): string {
  return (
    frame.getAttribute('src') ??
    frame.getAttribute('data-src') ??
    frame.getAttribute('data') ??
    frame.querySelector('source[src]')?.getAttribute('src') ??
    ''
  );
}

/** What the frame becomes, and which node it replaces: the frame, or its player wrapper. */
function linkCard(frame: Element, url: string): [ChildNode, Node] {
  const target = describe(url, frame.tagName);
  const label = frame.getAttribute('title')?.trim() || target.provider || new URL(target.url).host;
  const document = frame.ownerDocument;
  const link = document.createElement('a');
  link.setAttribute('href', target.url);
  link.textContent = `${target.kind}: ${label}`;
  // A frame already inside a figure (with its caption) only swaps the frame for the link.
  if (frame.closest('figure')) return [frame, link];
  const card = document.createElement('figure');
  card.append(link);
  return [outermostWrapper(frame), card];
}

/** Given the node, already out of the tree, what takes its place; nothing removes it. */
type Replacement = (detached: ChildNode) => Node | undefined;

/**
 * Puts each node's replacement in its place, rebuilding every parent's children in one go:
 * emptied from the first child on and appended anew, which jsdom does without counting siblings.
 * The children are walked as siblings, never through `childNodes` or `children`: once asked
 * for, jsdom rebuilds those lists whole after every change to the parent.
 */
function replaceSiblings(replacements: Map<ChildNode, Replacement>): void {
  const parents = new Set<ParentNode & Node>();
  for (const node of replacements.keys()) if (node.parentNode) parents.add(node.parentNode);
  for (const parent of parents) {
    const children: ChildNode[] = [];
    for (let child = parent.firstChild; child; child = child.nextSibling) children.push(child);
    parent.replaceChildren();
    // A fragment, not append(...kept): tens of thousands of arguments overflow the stack.
    const kept = (parent.ownerDocument ?? (parent as Document)).createDocumentFragment();
    for (const child of children) {
      const replace = replacements.get(child);
      const node = replace ? replace(child) : child;
      if (node) kept.appendChild(node);
    }
    parent.append(kept);
  }
}

/** Player wrappers (`<div class="video-embed">`) would be left behind empty, or worse, scored. */
function outermostWrapper(element: Element): Element {
  let current = element;
  for (;;) {
    const parent = current.parentElement;
    if (!parent || !WRAPPER_TAGS.has(parent.tagName)) return current;
    const only = parent.firstElementChild === current && parent.lastElementChild === current;
    if (!only || (parent.textContent ?? '').trim()) return current;
    current = parent;
  }
}

/**
 * Embedded posts come with their text as a blockquote fallback, which is the content worth
 * keeping; the widget script that would replace it is dropped elsewhere. Wrapping it in a
 * figure marks it as quoted material rather than the article's own words.
 */
function quotedPost(quote: Element): Node {
  const figure = quote.ownerDocument.createElement('figure');
  figure.append(quote);
  return figure;
}

function describe(url: string, tagName: string): EmbedTarget {
  const parsed = new URL(url);
  const host = parsed.hostname.replace(/^www\./, '').toLowerCase();
  const path = parsed.pathname;
  if (/(^|\.)youtube(-nocookie)?\.com$/.test(host)) {
    const id = /\/(?:embed|v|shorts)\/([\w-]{6,})/.exec(path)?.[1] ?? parsed.searchParams.get('v');
    const watch = id ? `https://www.youtube.com/watch?v=${id}` : url;
    return { url: watch, kind: 'Video', provider: 'YouTube' };
  }
  if (host === 'youtu.be') return { url, kind: 'Video', provider: 'YouTube' };
  if (host === 'player.vimeo.com') {
    const id = /\/video\/(\d+)/.exec(path)?.[1];
    return { url: id ? `https://vimeo.com/${id}` : url, kind: 'Video', provider: 'Vimeo' };
  }
  if (/(^|\.)(twitter|x)\.com$/.test(host)) {
    const id = parsed.searchParams.get('id');
    const post = id ? `https://twitter.com/i/web/status/${id}` : url;
    return { url: post, kind: 'Post', provider: 'X (Twitter)' };
  }
  if (host === 'open.spotify.com') {
    return { url: url.replace('/embed/', '/'), kind: 'Audio', provider: 'Spotify' };
  }
  if (host === 'w.soundcloud.com') {
    const track = absolute(parsed.searchParams.get('url') ?? '', url);
    return { url: track ?? url, kind: 'Audio', provider: 'SoundCloud' };
  }
  if (/(^|\.)instagram\.com$/.test(host)) {
    return { url: url.replace(/\/embed\/?.*$/, '/'), kind: 'Post', provider: 'Instagram' };
  }
  if (/(^|\.)google\.[a-z.]+$/.test(host) && path.startsWith('/maps')) {
    return { url, kind: 'Map', provider: 'Google Maps' };
  }
  if (tagName === 'VIDEO') return { url, kind: 'Video' };
  if (tagName === 'AUDIO') return { url, kind: 'Audio' };
  return { url, kind: 'Embedded content' };
}

function absolute(value: string, base: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  return resolveWebUrl(trimmed.startsWith('//') ? `https:${trimmed}` : trimmed, base);
}
