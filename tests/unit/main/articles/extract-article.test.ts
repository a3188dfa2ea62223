import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '@main/articles/extract-article';
import { createPageParser, type PageParser } from '@main/articles/parse-page';
import { isTrackerUrl, isTrackingParam } from '@main/privacy/trackers';
import type { ExtractedArticle } from '@shared/article-model';
import { AppError } from '@shared/result';
import { countingWindows } from './counting-windows';

const PAGES = fileURLToPath(new URL('../../../fixtures/pages/articles/', import.meta.url));
const SEED = fileURLToPath(new URL('../../../../../shared/seed/seed-article.txt', import.meta.url));
/** Where the fixture server serves the pages, so image URLs match what an e2e test downloads. */
const BASE = 'https://fixtures.example/fixtures/pages/articles/';
const NOW = Date.parse('2025-12-01T00:00:00Z');

const page = (name: string) => readFileSync(PAGES + name, 'utf8');
const extract = (name: string, url = BASE + name) => extractArticle(page(name), { url, now: NOW });
const iso = (article: ExtractedArticle) =>
  article.published === undefined ? undefined : new Date(article.published).toISOString();

function extractionError(html: string, url = `${BASE}x.html`): AppError {
  try {
    extractArticle(html, { url, now: NOW });
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected extractArticle to throw');
}

/** The phrases appear in this order (each after the previous one). */
function expectInOrder(text: string, phrases: string[]): void {
  let from = 0;
  for (const phrase of phrases) {
    const at = text.indexOf(phrase, from);
    expect(at, `"${phrase}" after position ${from}`).toBeGreaterThanOrEqual(0);
    from = at + phrase.length;
  }
}

function expectAbsent(html: string, needles: string[]): void {
  for (const needle of needles) expect(html, needle).not.toContain(needle);
}

/** Every link and image in stored content points to the web, absolutely. */
function expectAbsoluteUrls(html: string): void {
  for (const match of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
    expect(match[1]).toMatch(/^https?:\/\//);
  }
}

const image = (name: string) => `${BASE}images/${name}`;

describe('extractArticle: a news page with every kind of furniture', () => {
  const article = extract('news-world-summit.html');

  it('reads the metadata from JSON-LD and Open Graph', () => {
    expect(article.title).toBe('Coastal nations sign tidal energy pact at Lisbon summit');
    expect(article.byline).toBe('Marta Silva, Kenji Ito');
    expect(iso(article)).toBe('2025-08-23T08:21:00.000Z');
    expect(article.section).toBe('World');
    expect(article.siteName).toBe('The Daily Meridian');
    expect(article.lang).toBe('en-GB');
    expect(article.dir).toBe('ltr');
    expect(article.url).toBe(
      'https://www.dailymeridian.example/world/2025/08/23/tidal-energy-pact',
    );
    expect(article.excerpt).toBe(
      "Twelve governments agree to share turbine designs, grid links and seabed surveys in a pact that officials say could double Europe's tidal power within a decade.",
    );
  });

  it('resolves lazy images to absolute URLs, lead image first, without duplicates', () => {
    expect(article.leadImageUrl).toBe(image('summit-lead-1200.png'));
    expect(article.images).toEqual([
      image('summit-lead-1200.png'),
      image('summit-leaders-1280.png'),
      image('summit-map.png'),
      image('summit-crowd.png'),
    ]);
    expect(article.contentHtml).toContain(`src="${image('summit-map.png')}"`);
    expectAbsent(article.contentHtml, ['data:', 'blank.gif', 'srcset', 'data-src', '<picture']);
  });

  it('keeps the body paragraphs in order, with captions, the pull quote and in-text links', () => {
    expectInOrder(article.textContent, [
      'Twelve coastal nations signed an agreement in Lisbon',
      'The pact commits the signatories',
      "Portugal's energy minister, Helena Duarte, said her government would share",
      'Ministers sign the pact in the main hall',
      'Tidal energy has long been prized',
      'The sea does not care about borders',
      'Engineers at the summit said',
      'Related negotiations on fishing quotas',
      'Map: the twelve signatory countries',
      'Not everyone was convinced',
      'The agreement will take effect',
      'Crowds watched the delegates arrive',
      'For the coastal towns',
      'The next meeting of the signatories is planned for Bergen',
    ]);
    expect(article.contentHtml).toContain('<blockquote>');
    // Whatever attributes the sanitizer adds to links, the address is kept exactly.
    expect(article.contentHtml).toMatch(
      /<a href="https:\/\/www\.ocean-energy\.example\/reports\/2025-outlook\?id=42"[^>]*>European Ocean Energy Association<\/a>/,
    );
  });

  it('leaves out trackers, tracking parameters, scripts and page furniture', () => {
    expectAbsent(article.contentHtml, [
      'Clicky',
      'getclicky',
      'google-analytics',
      'googletagmanager',
      'doubleclick',
      'facebook.com/tr',
      'connect.facebook.net',
      'chartbeat',
      'utm_',
      'fbclid',
      '<script',
      '<iframe',
      '<form',
      '<button',
      'class=',
      'style=',
    ]);
    expectAbsent(article.textContent, [
      'Clicky',
      'Advertisement',
      'Share this article',
      'Facebook',
      'Related stories',
      'Ports brace for autumn storms',
      'READ MORE',
      'Morning Briefing',
      'newsletter',
      'We use cookies',
      'Comments',
      'Join the conversation',
      'Most read',
      'All rights reserved',
      'By Marta Silva',
      '23 August 2025, 08:21 GMT',
    ]);
    expectAbsoluteUrls(article.contentHtml);
  });

  it('counts words and reading time', () => {
    expect(article.wordCount).toBeGreaterThanOrEqual(470);
    expect(article.wordCount).toBeLessThanOrEqual(500);
    expect(article.readingMinutes).toBe(2);
    expect(article.textContent.split('\n\n')).toHaveLength(14);
  });
});

describe('extractArticle: an Open Graph-only blog post', () => {
  const article = extract('og-only-blog.html');

  it('reads title, byline, date, section, locale and canonical URL from meta tags', () => {
    expect(article.title).toBe('Why my tomatoes split after the rain');
    expect(article.byline).toBe('Tomás Reyes');
    expect(iso(article)).toBe('2025-07-14T10:45:00.000Z');
    expect(article.section).toBe('Gardening');
    expect(article.siteName).toBe('Field Notes');
    expect(article.lang).toBe('en-US');
    expect(article.dir).toBe('ltr');
    expect(article.url).toBe('https://fieldnotes.example/2025/07/tomatoes-split');
    expect(article.excerpt).toBe(
      'A summer of cracked fruit, a soil-moisture logger and what I changed in the vegetable beds.',
    );
    expect(article.leadImageUrl).toBe(image('blog-cover.png'));
    expect(article.images).toEqual([image('blog-cover.png'), image('blog-diagram.png')]);
  });

  it('drops the share bar, the "You might also like" list and the stats pixel, not the prose', () => {
    expectAbsent(article.contentHtml, ['pixel.wp.com', 'twitter.com/intent', 'sharer']);
    expectAbsent(article.textContent, [
      'Share this post',
      'You might also like',
      'Seed trays',
      'Leave a Reply',
      'Archive',
    ]);
    expectInOrder(article.textContent, [
      'Every August for three years',
      'The short answer is water',
      'To see it happen',
      'Soil moisture in the two beds over six weeks',
      'The difference showed in the harvest',
      'Readers who share seeds with me',
      'Next year I will mulch both beds',
    ]);
    expect(article.wordCount).toBeGreaterThanOrEqual(290);
    expect(article.wordCount).toBeLessThanOrEqual(310);
    expect(article.readingMinutes).toBe(1);
  });
});

describe('extractArticle: Korean, Japanese, Arabic and Hebrew pages', () => {
  it('Korean: strips the site name from the title and the header echo from the body', () => {
    const article = extract('korean-ko.html');
    expect(article.title).toBe('서해안 조력발전소 시범 가동…여름철 전력 수요 대비');
    expect(article.byline).toBe('김서연 기자');
    expect(iso(article)).toBe('2025-09-02T00:00:00.000Z');
    expect(article.section).toBe('경제');
    expect(article.siteName).toBe('한빛일보');
    expect(article.lang).toBe('ko');
    expect(article.dir).toBe('ltr');
    expect(article.images).toEqual([image('ko-lead.png')]);
    expect(article.textContent.startsWith('서해안 조력발전소 전경. 한빛일보 자료사진')).toBe(true);
    expectAbsent(article.textContent, [
      '광고',
      '관련기사',
      '재생에너지 비중 30%',
      'ⓒ',
      '입력 2025',
    ]);
    expectInOrder(article.textContent, [
      '서해안에 새로 들어선 조력발전소가',
      '산업통상자원부는',
      '조력발전은 날씨에 따라',
      '지역 어민들은',
      '전문가들은',
      '발전소 운영사는',
    ]);
    expect(article.wordCount).toBeGreaterThanOrEqual(160);
    expect(article.wordCount).toBeLessThanOrEqual(180);
    expect(article.readingMinutes).toBe(1);
  });

  it('Japanese: JSON-LD @graph with a referenced publisher; words by segmenter', () => {
    const article = extract('japanese-ja.html');
    expect(article.title).toBe('深海探査船、日本海溝で新種のクラゲを確認');
    expect(article.byline).toBe('佐藤 花子');
    expect(iso(article)).toBe('2025-07-14T21:30:00.000Z');
    expect(article.section).toBe('科学');
    expect(article.siteName).toBe('朝凪新聞');
    expect(article.lang).toBe('ja');
    expect(article.dir).toBe('ltr');
    expect(article.url).toBe('https://www.asanagi.example/articles/20250715-science-jellyfish');
    expect(article.images).toEqual([image('ja-lead.png')]);
    expectAbsent(article.textContent, ['広告', '関連記事', '深海魚の新たな生態']);
    // 491 characters without spaces: far more words than whitespace would find (6).
    expect(article.wordCount).toBeGreaterThanOrEqual(230);
    expect(article.wordCount).toBeLessThanOrEqual(290);
    expect(article.readingMinutes).toBe(1);
  });

  it('Arabic: right-to-left, section from a JSON-LD breadcrumb past "home"', () => {
    const article = extract('arabic-rtl.html');
    expect(article.title).toBe('افتتاح أكبر محطة لتحلية المياه بالطاقة الشمسية في المنطقة');
    expect(article.byline).toBe('ليلى حداد');
    expect(iso(article)).toBe('2025-06-10T09:00:00.000Z');
    expect(article.section).toBe('اقتصاد');
    expect(article.siteName).toBe('صحيفة الأفق');
    expect(article.lang).toBe('ar');
    expect(article.dir).toBe('rtl');
    expect(article.images).toEqual([image('ar-lead.png')]);
    expectAbsent(article.textContent, ['اقرأ أيضا', 'شارك', 'فيسبوك']);
    expectAbsent(article.contentHtml, ['mc.yandex']);
    expect(article.wordCount).toBeGreaterThanOrEqual(135);
    expect(article.wordCount).toBeLessThanOrEqual(150);
  });

  it('Hebrew: direction from the language alone, byline without "מאת", section from the trail', () => {
    const article = extract('hebrew-he.html');
    expect(article.title).toBe('חוקרים בחיפה פיתחו בטון שסופג פחמן דו־חמצני');
    expect(article.byline).toBe('דנה לוי');
    expect(iso(article)).toBe('2025-05-04T05:15:00.000Z');
    expect(article.section).toBe('מדע');
    expect(article.siteName).toBe('הזמן הירוק');
    expect(article.lang).toBe('he');
    expect(article.dir).toBe('rtl');
    expect(article.images).toEqual([image('he-lead.png')]);
    expectAbsent(article.textContent, ['כתבות נוספות', 'אנרגיה סולארית על גגות']);
    expect(article.wordCount).toBeGreaterThanOrEqual(100);
    expect(article.wordCount).toBeLessThanOrEqual(112);
  });
});

describe('extractArticle: embedded video and posts', () => {
  const article = extract('embeds-video-tweet.html');

  it('turns players into link cards and keeps the quoted post', () => {
    expect(article.contentHtml).toMatch(
      /<figure><a href="https:\/\/www\.youtube\.com\/watch\?v=dQw4w9WgXcQ"[^>]*>Video: Inside the new sleeper carriages<\/a><\/figure>/,
    );
    expect(article.contentHtml).toMatch(
      /<figure>\s*<a href="https:\/\/vimeo\.com\/76979871"[^>]*>Video: Sleeper routes on a map<\/a>\s*<figcaption>An animated map/,
    );
    expect(article.contentHtml).toContain(
      'href="https://twitter.com/railfan_example/status/1234567890123456789"',
    );
    expect(article.textContent).toContain(
      "Woke up in Vienna after the best night's sleep I've had on any form of transport.",
    );
    expectAbsent(article.contentHtml, [
      '<iframe',
      '<script',
      'youtube-nocookie',
      'ref_src',
      'utm_source',
      'doubleclick',
      'hotjar',
      'segment.com',
      'platform.twitter.com',
    ]);
  });

  it('finds a byline Readability dropped with the header, and the header time', () => {
    expect(article.title).toBe('The quiet return of the night train');
    expect(article.byline).toBe('Priya Raman');
    expect(iso(article)).toBe('2025-03-02T18:30:00.000Z');
    expect(article.section).toBe('Travel');
    expect(article.siteName).toBe('Rail & Road');
    expect(article.images).toEqual([image('embeds-lead.png')]);
    expectInOrder(article.textContent, [
      'Ten years ago',
      'Today the picture',
      'Video: Inside the new sleeper carriages',
      'The operators say',
      'Woke up in Vienna',
      'Not everything has gone smoothly',
      'Video: Sleeper routes on a map',
      'Governments have started to help',
      'Whether the revival lasts',
    ]);
  });
});

describe('extractArticle: lazy images', () => {
  // Served from another folder than the images: only <base href> makes them resolve.
  const article = extract(
    'lazy-images-gallery.html',
    'https://fixtures.example/fixtures/pages/other/',
  );

  it('resolves every lazy-loading pattern against <base href> and drops non-web images', () => {
    expect(article.images).toEqual([
      image('gallery-original.png?size=large'),
      image('gallery-lazy.png'),
      image('gallery-srcset-1600.png'),
      image('gallery-picture-1400.png'),
      image('gallery-noscript.png'),
      image('gallery-based.png'),
    ]);
    expect(article.leadImageUrl).toBe(image('gallery-original.png?size=large'));
    expectAbsent(article.contentHtml, [
      'javascript:',
      'ftp:',
      'data:',
      'placeholder.svg',
      'blank.gif',
      'srcset=',
      'sizes=',
      'utm_source',
      '<noscript',
      '<picture',
      '<source',
    ]);
    expectAbsoluteUrls(article.contentHtml);
  });

  it('prefers a person named on the page over a meta author that is the site itself', () => {
    expect(article.byline).toBe('Ewan MacLeod');
    expect(article.siteName).toBe('Coastline Journal');
    expect(article.title).toBe("A walk through the harbour's old boatyards");
    expect(iso(article)).toBe('2025-04-18T00:00:00.000Z');
    expect(article.url).toBe('https://fixtures.example/fixtures/pages/other/');
  });
});

describe('extractArticle: the seed article as a scraper saved it', () => {
  // ../shared/seed/seed-article.txt: a stray "Clicky" line, the section, title, byline, date line
  // and the story's 11 paragraphs (its README says 13, counting the byline and date lines). Wrapped in the plainest page, as a saved text would be.
  const lines = readFileSync(SEED, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const [clicky, section, title, byline, dateLine, ...paragraphs] = lines;
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const html = `<!doctype html><html lang="en"><head><title>${escape(title ?? '')}</title></head>
    <body><div class="story">${[clicky, section]
      .map((line) => `<p>${escape(line ?? '')}</p>`)
      .join('')}<h1>${escape(title ?? '')}</h1><p>${escape(byline ?? '')}</p>
    <p>${escape(dateLine ?? '')}</p>${paragraphs.map((p) => `<p>${escape(p)}</p>`).join('\n')}
    </div></body></html>`;
  const article = extractArticle(html, { url: 'https://news.example/world/lee-tokyo', now: NOW });

  it('keeps the 11 paragraphs in order and drops the tracker word', () => {
    expect(clicky).toBe('Clicky');
    expect(paragraphs).toHaveLength(11);
    expect(article.title).toBe(title);
    expect(article.byline).toBe('AP');
    // Time zone unknown: read as UTC.
    expect(iso(article)).toBe('2025-08-23T17:21:00.000Z');
    expectAbsent(article.textContent, ['Clicky', 'By AP', 'Published', title ?? '']);
    expectInOrder(
      article.textContent,
      paragraphs.map((paragraph) => paragraph.slice(0, 60)),
    );
    // `wc -w` counts 395 words in the 11 paragraphs.
    expect(article.wordCount).toBeGreaterThanOrEqual(385);
    expect(article.wordCount).toBeLessThanOrEqual(405);
    expect(article.readingMinutes).toBe(2);
  });
});

describe('extractArticle: every saved article page', () => {
  const names = readdirSync(PAGES).filter(
    (name) => name.endsWith('.html') && name !== 'not-an-article-home.html',
  );

  it.each(names)(
    '%s: stored HTML has no trackers, tracking parameters or active content',
    (name) => {
      const article = extract(name);
      expectAbsoluteUrls(article.contentHtml);
      for (const match of article.contentHtml.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
        const url = new URL((match[1] ?? '').replace(/&amp;/g, '&'));
        expect(isTrackerUrl(url.href), url.href).toBe(false);
        for (const key of url.searchParams.keys())
          expect(isTrackingParam(key), url.href).toBe(false);
      }
      expectAbsent(article.contentHtml, [
        '<script',
        '<iframe',
        '<style',
        ' class=',
        ' style=',
        ' id=',
      ]);
    },
  );

  it.each(names)('%s: every image it references is a file an e2e test can serve', (name) => {
    const article = extract(name, BASE + name);
    expect(article.images.length).toBeGreaterThan(0);
    for (const url of article.images) {
      expect(url.startsWith(`${BASE}images/`), url).toBe(true);
      const file = url.slice(`${BASE}images/`.length).split('?')[0] ?? '';
      expect(existsSync(`${PAGES}images/${file}`), file).toBe(true);
    }
  });
});

describe('extractArticle: pages that are not articles, and bad input', () => {
  it('refuses a home page that is a list of links', () => {
    const error = extractionError(page('not-an-article-home.html'));
    expect(error.code).toBe('parse');
    expect(error.message).toBe('No article text found on this page.');
  });

  it('refuses empty and near-empty pages', () => {
    for (const html of ['', '   ', '<html><body></body></html>', '<p>Just one line.</p>']) {
      expect(extractionError(html).code).toBe('parse');
    }
  });

  it('does not throw anything but AppError on odd HTML', () => {
    for (const html of ['<<<>>>', '<p><b><i>unclosed', '\u0000\uFFFF<svg><svg><svg>', '<!--']) {
      expect(extractionError(html).code).toBe('parse');
    }
  });

  it('caps the input size with a clear error', () => {
    const huge = `<p>${'a'.repeat(5 * 1024 * 1024)}</p>`;
    const error = extractionError(huge);
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/larger than 5 MB/);
  });

  it('rejects an address that is not a URL', () => {
    expect(extractionError('<p>x</p>', 'not a url').code).toBe('invalid-params');
  });

  it('does not believe a publication date in the future', () => {
    const html = page('news-world-summit.html').replace(
      '2025-08-23T08:21:00Z',
      '2031-01-01T00:00:00Z',
    );
    const article = extractArticle(html, { url: `${BASE}news-world-summit.html`, now: NOW });
    expect(article.published).toBe(NOW);
  });
});

describe('extractArticle: jsdom windows are closed on every path', () => {
  const PARAGRAPH =
    'The committee met on Tuesday to weigh the proposal, and after a long debate about costs, ' +
    'timing and the views of residents it agreed to publish a revised plan within a month.';
  const article = `<!DOCTYPE html><html><head><title>A plan</title></head><body><article><h1>A plan</h1>${`<p>${PARAGRAPH}</p>`.repeat(40)}</article></body></html>`;
  const links = `<!DOCTYPE html><html><head><title>Home</title></head><body><ul>${'<li><a href="/s">Another story</a></li>'.repeat(400)}</ul></body></html>`;
  // Pages bigger than the window's budget (7 KB and 18 KB against 5 KB): each fills a window.
  const counted = () => {
    const { createWindow, counts } = countingWindows();
    return { parser: createPageParser({ createWindow, bytesPerWindow: 5_000 }), counts };
  };

  it('after an article is read', () => {
    const { parser, counts } = counted();
    expect(extractArticle(article, { url: `${BASE}plan.html`, now: NOW, parser }).title).toBe(
      'A plan',
    );
    expect(counts).toEqual({ created: 1, open: 0 });
  });

  it('after a page that is not an article is refused', () => {
    const { parser, counts } = counted();
    expect(() => extractArticle(links, { url: `${BASE}home.html`, now: NOW, parser })).toThrow(
      AppError,
    );
    expect(counts).toEqual({ created: 1, open: 0 });
  });

  it('after a page that breaks the parser itself', () => {
    const { parser, counts } = counted();
    const breaking = {
      ...parser,
      parse: (html: string, url: string) => {
        parser.parse(html, url);
        throw new Error('jsdom failed');
      },
    };
    const error = extractionErrorWith(article, breaking);
    expect(error.code).toBe('parse');
    expect(counts).toEqual({ created: 1, open: 0 });
  });

  it('and a page refused before parsing opens none', () => {
    const { parser, counts } = counted();
    const nested = `<!DOCTYPE html><body>${'<div>'.repeat(10_000)}x${'</div>'.repeat(10_000)}</body>`;
    expect(() => extractArticle(nested, { url: `${BASE}deep.html`, now: NOW, parser })).toThrow(
      AppError,
    );
    expect(counts.created).toBe(0);
  });

  function extractionErrorWith(html: string, parser: PageParser): AppError {
    try {
      extractArticle(html, { url: `${BASE}x.html`, now: NOW, parser });
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      return error as AppError;
    }
    throw new Error('expected extractArticle to throw');
  }
});
