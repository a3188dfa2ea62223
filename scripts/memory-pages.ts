/**
 * The pages the memory bench fetches, built at run time from the shared corpora (never copied
 * into the repository: ../shared/README.md): news pages around the items of the real feed
 * captures in ../shared/corpora/real-feeds/full and around the seed article, the saved pages in
 * tests/fixtures/pages/articles, a few big pages and the hostile shapes the extractor refuses or
 * times out on. Each page says what the reader should get from it, so the bench can tell a
 * memory-flat run that quietly failed every page from a real one.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseFeed } from '@main/feeds/parse/parse-feed';
import type { ParsedItem } from '@shared/feed-model';

const REPO = path.resolve(__dirname, '..');
const SHARED = path.resolve(REPO, '..', 'shared');
const FEEDS = path.join(SHARED, 'corpora', 'real-feeds', 'full');
const SEED = path.join(SHARED, 'seed', 'seed-article.txt');
const FIXTURES = path.join(REPO, 'tests', 'fixtures', 'pages', 'articles');

/** What a page is, for the figures: the mix of the run is drawn by these weights. */
export type PageKind =
  | 'feed-story'
  | 'seed-story'
  | 'saved-page'
  | 'grown-page'
  | 'long-read'
  | 'huge-article'
  | 'too-big'
  | 'nested-divs'
  | 'many-iframes'
  | 'many-elements'
  | 'slow-page'
  | 'binary'
  | 'not-found';

/** Per 1,000 fetches; the run draws kinds by these weights, then a page of that kind. */
export const KIND_WEIGHTS: Record<PageKind, number> = {
  'feed-story': 780,
  'seed-story': 60,
  'saved-page': 60,
  'grown-page': 30,
  'long-read': 10,
  'huge-article': 3,
  'too-big': 4,
  'nested-divs': 10,
  'many-iframes': 10,
  'many-elements': 5,
  'slow-page': 3,
  binary: 10,
  'not-found': 15,
};

/** A page as the server sends it. */
export interface ServedPage {
  path: string;
  kind: PageKind;
  status: number;
  contentType: string;
  gzip: boolean;
  body: Buffer;
  /** Whether a reader gets an article from it (else a clear error); undefined: either will do. */
  article: boolean | undefined;
}

/** What the bench process learns of a page (the body stays in the server's process). */
export type PageInfo = Omit<ServedPage, 'body'> & { bytes: number };

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

const wordCount = (html: string) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .split(/\s+/)
    .filter(Boolean).length;

/** Items with a title and a body, from every full capture the feed parser reads. */
function feedStories(): { site: string; item: ParsedItem; html: string }[] {
  const stories: { site: string; item: ParsedItem; html: string }[] = [];
  for (const repo of readdirSync(FEEDS)) {
    const dir = path.join(FEEDS, repo);
    if (!statSync(dir).isDirectory()) continue;
    for (const name of readdirSync(dir)) {
      if (name.startsWith('LICENSE')) continue;
      let feed;
      try {
        feed = parseFeed(readFileSync(path.join(dir, name)), {
          url: `https://${repo.split('__')[0]!.toLowerCase()}.example/${name}`,
        });
      } catch {
        continue; // not every capture is a feed the parser reads (gzip, broken JSON)
      }
      for (const item of feed.items) {
        const html = item.contentHtml ?? item.summary ?? '';
        if (!item.title.trim() || !html.trim()) continue;
        stories.push({ site: feed.title || repo, item, html });
      }
    }
  }
  return stories;
}

function seedStory(): { title: string; byline: string; date: string; paragraphs: string[] } {
  // The scraper's layout: tracker word, section, title, byline, date, then the paragraphs.
  const lines = readFileSync(SEED, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return {
    title: lines[2] ?? 'A story',
    byline: lines[3] ?? '',
    date: lines[4] ?? '',
    paragraphs: lines.slice(5),
  };
}

const SECTIONS = ['World', 'Politics', 'Business', 'Tech', 'Science', 'Health', 'Sport', 'Culture'];

/** The chrome real news pages wrap an article in: menus, scripts, related links, a footer. */
function newsPage(options: {
  n: number;
  site: string;
  title: string;
  author?: string;
  published?: number;
  body: string;
  related: string[];
}): string {
  const { n, site, title } = options;
  const date = new Date(options.published ?? Date.UTC(2025, 7, 23)).toISOString();
  const nav = SECTIONS.map((s) => `<li><a href="/${s.toLowerCase()}">${s}</a></li>`).join('');
  const related = options.related
    .map((t, i) => `<li><a href="/story/${n}-${i}">${escapeHtml(t)}</a></li>`)
    .join('');
  const lazy = n % 3 === 0;
  const figure = lazy
    ? `<figure><img src="/img/placeholder.gif" data-src="/img/${n}.jpg" width="800" height="450" alt=""><figcaption>Photo ${n}</figcaption></figure>`
    : `<figure><img src="/img/${n}.jpg" srcset="/img/${n}-400.jpg 400w, /img/${n}.jpg 800w" width="800" height="450" alt="A picture"><figcaption>Photo ${n}</figcaption></figure>`;
  const embed =
    n % 5 === 0
      ? `<iframe src="https://www.youtube.com/embed/v${n}" width="560" height="315"></iframe>`
      : '';
  const jsonLd = JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: title,
    datePublished: date,
    ...(options.author ? { author: { '@type': 'Person', name: options.author } } : {}),
    publisher: { '@type': 'Organization', name: site },
  });
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>${escapeHtml(title)} | ${escapeHtml(site)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:title" content="${escapeHtml(title)}">
<meta property="og:site_name" content="${escapeHtml(site)}">
<meta property="og:image" content="/img/${n}.jpg">
${options.author ? `<meta name="author" content="${escapeHtml(options.author)}">` : ''}
<meta property="article:published_time" content="${date}">
<link rel="stylesheet" href="/static/site.css">
<style>${'.c-card{display:grid;gap:1rem}.c-card__title{font:700 1.1rem/1.3 Georgia,serif}\n'.repeat(20)}</style>
<script>window.dataLayer=window.dataLayer||[];dataLayer.push({page:${n},section:"news"});</script>
<script type="application/ld+json">${jsonLd}</script>
</head><body class="article-page">
<div class="cookie-banner" hidden><p>We use cookies.</p><button>Accept</button></div>
<header class="site-header"><a class="logo" href="/">${escapeHtml(site)}</a>
<nav aria-label="Sections"><ul>${nav}</ul></nav>
<form class="search" action="/search"><input name="q" placeholder="Search"></form></header>
<main><article class="story">
<p class="kicker"><a href="/world">World</a></p>
<h1>${escapeHtml(title)}</h1>
${options.author ? `<p class="byline">By <a rel="author" href="/by/${n}">${escapeHtml(options.author)}</a></p>` : ''}
<time datetime="${date}">${date.slice(0, 10)}</time>
<div class="share"><a href="https://twitter.com/share?u=${n}">Share</a> <a href="mailto:?subject=${n}">Email</a></div>
${figure}
<div class="story-body">${options.body}</div>
${embed}
<aside class="newsletter"><h2>Get the morning briefing</h2><form><input type="email"><button>Sign up</button></form></aside>
</article>
<aside class="related"><h2>More stories</h2><ul>${related}</ul></aside>
<section class="comments"><h2>Comments</h2>${'<div class="comment"><p class="who">reader</p><p>Interesting, thanks.</p></div>'.repeat(5)}</section>
</main>
<footer><ul>${nav}</ul><p>© ${escapeHtml(site)}</p></footer>
<script src="https://www.googletagmanager.com/gtag/js?id=G-${n}"></script>
<img src="https://pixel.example/p.gif?id=${n}" width="1" height="1" alt="">
</body></html>`;
}

const PARAGRAPH =
  'The committee met on Tuesday to weigh the proposal, and after a long debate about costs, ' +
  'timing and the views of residents it agreed to publish a revised plan within a month.';

const html = (body: string, title = 'Page') =>
  `<!DOCTYPE html><html><head><title>${title}</title></head><body>${body}</body></html>`;

/** Every page the server holds; paths are `/p/<n>`. */
export function buildPages(): ServedPage[] {
  const pages: ServedPage[] = [];
  const add = (
    kind: PageKind,
    body: string | Buffer,
    article: boolean | undefined,
    extra: Partial<ServedPage> = {},
  ) => {
    pages.push({
      path: `/p/${pages.length}`,
      kind,
      status: 200,
      contentType: 'text/html; charset=utf-8',
      gzip: pages.length % 4 === 0,
      body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
      article,
      ...extra,
    });
  };

  const stories = feedStories();
  const titles = stories.map((s) => s.item.title);
  const seed = seedStory();
  const seedBody = seed.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
  stories.forEach((story, n) => {
    // A feed's teaser is the start of the page's story; the rest is prose of the same kind.
    const body = wordCount(story.html) >= 150 ? story.html : `${story.html}\n${seedBody}`;
    const page = newsPage({
      n,
      site: story.site,
      title: story.item.title,
      author: story.item.authors[0],
      published: story.item.published,
      body,
      related: titles.slice(n + 1, n + 11),
    });
    // A few are sent in the page's own legacy charset, as older sites still do.
    const latin = n % 10 === 7 && /^[\t\n\r\x20-\xff]*$/.test(page);
    add('feed-story', latin ? Buffer.from(page, 'latin1') : page, true, {
      ...(latin ? { contentType: 'text/html; charset=windows-1252' } : {}),
    });
  });

  for (let n = 0; n < 20; n++) {
    add(
      'seed-story',
      newsPage({
        n: 10_000 + n,
        site: 'The Daily Seed',
        title: seed.title,
        author: seed.byline.replace(/^By\s+/i, ''),
        body: seedBody,
        related: titles.slice(n * 10, n * 10 + 10),
      }),
      true,
    );
  }

  for (const name of readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.html'))
    .sort()) {
    add('saved-page', readFileSync(path.join(FIXTURES, name)), !name.startsWith('not-an-article'));
  }

  // A real page's size (~300 KB): mostly inline script, styles and link lists around the story.
  for (let n = 0; n < 10; n++) {
    const story = stories[(n * 37) % stories.length]!;
    const script = `<script>${'window.__STATE__.push({"id":12345,"kind":"teaser","title":"Headline"});\n'.repeat(2000)}</script>`;
    const links = Array.from(
      { length: 400 },
      (_, i) =>
        `<li><a href="/world/2025/08/${i}/story-${i}">${escapeHtml(titles[(i * 7 + n) % titles.length]!)}</a></li>`,
    ).join('');
    const page = newsPage({
      n: 20_000 + n,
      site: story.site,
      title: story.item.title,
      body: `${story.html}\n${seedBody}`,
      related: titles.slice(0, 10),
    }).replace('</body>', `<nav class="mega-menu"><ul>${links}</ul></nav>${script}</body>`);
    add('grown-page', page, true);
  }

  // A long read: 600 KB of real feed prose in one article.
  for (let n = 0; n < 3; n++) {
    let body = '';
    for (let i = n; body.length < 600_000; i += 3)
      body += `<section>${stories[i % stories.length]!.html}</section>\n`;
    add(
      'long-read',
      newsPage({
        n: 30_000 + n,
        site: 'Long Reads',
        title: `The long read ${n}`,
        body,
        related: [],
      }),
      true,
    );
  }

  // Near the 5 MB cap: allowed, and the most a worker's heap holds for one page.
  add(
    'huge-article',
    html(`<article><h1>Long</h1>${`<p>${PARAGRAPH}</p>`.repeat(20_000)}</article>`, 'Long'),
    true,
  );
  // Past the cap: refused while it arrives, before any extraction.
  add('too-big', html(`<article>${`<p>${PARAGRAPH}</p>`.repeat(30_000)}</article>`), false);

  const honest = `<article><h1>A council agrees a plan</h1>${`<p>${PARAGRAPH}</p>`.repeat(6)}`;
  add('nested-divs', html(`${'<div>'.repeat(10_000)}deep${'</div>'.repeat(10_000)}`), false);
  add(
    'many-iframes',
    html(
      `${honest}${Array.from({ length: 3000 }, (_, i) => `<div><iframe src="https://player.example/embed/${i}"></iframe></div>`).join('')}</article>`,
    ),
    false,
  );
  add('many-elements', html(`${honest}${'<span>x</span>'.repeat(60_000)}</article>`), false);
  // Within every limit of the pre-scan and still slower than the pool's timeout (see the bench).
  add(
    'slow-page',
    html(`${honest}${`${'<div>'.repeat(500)}x${'</div>'.repeat(500)}`.repeat(60)}</article>`),
    false,
  );

  const garbage = Buffer.alloc(200_000);
  for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 2654435761) >>> 24;
  // Mojibake, but text: an "article" of it is as acceptable as a refusal.
  add('binary', garbage, undefined);
  add('not-found', html('<h1>Not found</h1>'), false, { status: 404 });

  return pages;
}

/** The bytes a page is sent as. */
export function wireBody(page: ServedPage): Buffer {
  return page.gzip ? gzipSync(page.body) : page.body;
}
