/**
 * Embedded players and posts (YouTube, Vimeo, X/Twitter, Instagram, …) cannot play offline and
 * frames are not allowed in stored articles. Each becomes a link card the sanitizer keeps:
 * `<figure><a href="…">Video: title</a></figure>`. Runs before Readability so the card is
 * scored as content and survives; again in the cleaner for HTML that skipped that step.
 */
import { isTrackerUrl } from './trackers';

interface EmbedTarget {
  url: string;
  kind: 'Video' | 'Audio' | 'Post' | 'Map' | 'Embedded content';
  provider?: string;
}

const WRAPPER_TAGS = new Set(['DIV', 'SPAN', 'P', 'SECTION']);

export function replaceEmbeds(root: ParentNode, baseUrl: string): void {
  for (const frame of Array.from(root.querySelectorAll('iframe, embed, object, video, audio'))) {
    replaceFrame(frame, baseUrl);
  }
  for (const quote of Array.from(
    root.querySelectorAll('blockquote.twitter-tweet, blockquote.instagram-media'),
  )) {
    keepQuotedPost(quote);
  }
}

function replaceFrame(frame: Element, baseUrl: string): void {
  const raw =
    frame.getAttribute('src') ??
    frame.getAttribute('data-src') ??
    frame.getAttribute('data') ??
    frame.querySelector('source[src]')?.getAttribute('src') ??
    '';
  const url = absolute(raw, baseUrl);
  if (!url || isTrackerUrl(url)) {
    frame.remove();
    return;
  }
  const target = describe(url, frame.tagName);
  const label = frame.getAttribute('title')?.trim() || target.provider || new URL(target.url).host;
  const document = frame.ownerDocument;
  const link = document.createElement('a');
  link.setAttribute('href', target.url);
  link.textContent = `${target.kind}: ${label}`;
  // A frame already inside a figure (with its caption) only swaps the frame for the link.
  const figure = frame.closest('figure');
  if (figure) {
    frame.replaceWith(link);
    return;
  }
  const card = document.createElement('figure');
  card.append(link);
  outermostWrapper(frame).replaceWith(card);
}

/** Player wrappers (`<div class="video-embed">`) would be left behind empty, or worse, scored. */
function outermostWrapper(element: Element): Element {
  let current = element;
  for (;;) {
    const parent = current.parentElement;
    if (!parent || !WRAPPER_TAGS.has(parent.tagName)) return current;
    if (parent.children.length !== 1 || (parent.textContent ?? '').trim()) return current;
    current = parent;
  }
}

/**
 * Embedded posts come with their text as a blockquote fallback, which is the content worth
 * keeping; the widget script that would replace it is dropped elsewhere. Wrapping it in a
 * figure marks it as quoted material rather than the article's own words.
 */
function keepQuotedPost(quote: Element): void {
  if (quote.parentElement?.tagName === 'FIGURE') return;
  const figure = quote.ownerDocument.createElement('figure');
  quote.replaceWith(figure);
  figure.append(quote);
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
  try {
    const url = new URL(trimmed.startsWith('//') ? `https:${trimmed}` : trimmed, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
