/**
 * needsFullText against real feeds, labelled by hand.
 *
 * Each feed in ../shared/corpora/real-feeds/full was labelled by reading its items and knowing
 * the publisher: FULL_TEXT feeds publish whole posts (however short some are), SUMMARY_ONLY feeds
 * publish teasers and expect the reader to visit the site. Every item takes its feed's label.
 * Left out on purpose: podcasts and video feeds (show notes, not articles), aggregators and
 * link lists (Reddit, Hacker News, Google News, Craigslist), commit logs, and feeds that mix full
 * posts with teasers (Macworld).
 *
 * Items are measured as parsed. The feed service sanitizes them before anything else sees them;
 * that was checked to change none of the 1443 verdicts, and would triple this test's run time.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { needsFullText } from '@main/text/needs-full-text';
import { parseFeed } from '@main/feeds/parse/parse-feed';

const CORPUS = fileURLToPath(
  new URL('../../../../../shared/corpora/real-feeds/full/', import.meta.url),
);

const FULL_TEXT: Record<string, string> = {
  'Ranchero-Software__NetNewsWire/DaringFireball.atom':
    'Gruber publishes whole posts, long essays and short linked-list entries alike',
  'Ranchero-Software__NetNewsWire/russcox.atom': 'research!rsc: whole essays in atom:content',
  'rbren__rss-parser/many-links.rss': 'Google Testing Blog (Blogger): whole posts',
  'rbren__rss-parser/feedburner.atom': 'Google Ads Developer Blog (Blogger): whole posts',
  'rbren__rss-parser/content-encoded.rss': 'Medium: whole stories in content:encoded',
  'Ranchero-Software__NetNewsWire/natasha.xml': 'Natasha The Robot: whole tutorials',
  'Ranchero-Software__NetNewsWire/dcrainmaker.xml': 'DC Rainmaker: whole reviews',
  'Ranchero-Software__NetNewsWire/qemu.atom': 'QEMU blog: whole posts',
  'spacecowboy__Feeder/rss_morningpaper.xml': 'the morning paper: whole paper write-ups',
  'spacecowboy__Feeder/rss_nixers_newsletter.xml': 'Nixers Newsletter: whole issues',
  'spacecowboy__Feeder/atom_cowboy.xml': 'Cowboy Programmer: whole posts',
  'feedjira__feedjira/TechCrunch.xml': 'TechCrunch (2011): whole articles in content:encoded',
  'feedjira__feedjira/PaulDixExplainsNothing.xml': 'Paul Dix: whole posts',
  'feedjira__feedjira/GiantRobotsSmashingIntoOtherGiantRobots.xml': 'thoughtbot blog: whole posts',
  'danmactough__node-feedparser/tpm.atom': 'Talking Points Memo: whole news stories',
  'Ranchero-Software__NetNewsWire/inessential.json':
    'inessential (Brent Simmons): whole posts, some one paragraph',
  'Ranchero-Software__NetNewsWire/pxlnv.json':
    'Pixel Envy: whole link-blog posts (quote plus comment)',
  'Ranchero-Software__NetNewsWire/OneFootTsunami.atom': 'One Foot Tsunami: whole link-blog posts',
  'miniflux__v2/large_atom.xml': 'Artificial truth: whole posts',
  'feedjira__feedjira/AmazonWebServicesBlog.xml': 'AWS blog (2009): whole posts',
  'Ranchero-Software__NetNewsWire/cloudblog.rss': 'Google Cloud blog: whole posts in description',
  'Ranchero-Software__NetNewsWire/allthis.atom': 'And now it’s all this: whole posts',
  'Ranchero-Software__NetNewsWire/curt.json': 'curtclifton.net: whole posts',
  'spacecowboy__Feeder/rss_cyklistbloggen.xml': 'Cyklistbloggen: whole posts',
  'danmactough__node-feedparser/invalid-characters-gzipped.xml':
    'NSHipster: whole articles (gzip file)',
  'feedjira__feedjira/HREFConsideredHarmful.xml': 'HREF Considered Harmful: whole posts',
  'danmactough__node-feedparser/intertwingly.atom':
    'Sam Ruby: whole posts, several only a few sentences',
  'Ranchero-Software__NetNewsWire/manton.rss':
    'Manton Reece: whole micro-posts, most a sentence or two',
  'spacecowboy__Feeder/rss_geekpark.xml': '极客公园: whole Chinese articles in description',
  'Ranchero-Software__NetNewsWire/monkeydom.rss': 'monkeydom: whole posts',
  'spacecowboy__Feeder/openstreetmap.xml': 'OpenStreetMap diaries: whole entries',
};
const SUMMARY_ONLY: Record<string, string> = {
  'dpapathanasiou__photojournalism/bbc.xml': 'BBC News: one-sentence descriptions',
  'rbren__rss-parser/guardian.rss': 'The Guardian: standfirst plus "Continue reading..."',
  'spacecowboy__Feeder/rss_theguardian.xml':
    'The Guardian world: standfirst plus "Continue reading..."',
  'dpapathanasiou__photojournalism/nytimes.xml': 'NYT: one-sentence descriptions',
  'dpapathanasiou__photojournalism/npr.xml': 'NPR: teaser sentence and image credit',
  'dpapathanasiou__photojournalism/japantimes.xml': 'Japan Times: one-sentence descriptions',
  'dpapathanasiou__photojournalism/aeon.xml': 'Aeon: standfirst, author and "Read at Aeon"',
  'dpapathanasiou__photojournalism/quanta.xml':
    'Quanta: first paragraph cut with "..." plus "Source"',
  'danmactough__node-feedparser/wapowellness.xml':
    'Washington Post: teaser plus "Read full article >>"',
  'spacecowboy__Feeder/golem-de.xml': 'Golem.de: teaser paragraph and topic links',
  'rbren__rss-parser/heise.atom': 'heise developer: teaser sentence',
  'miniflux__v2/rdf_UTF8.xml': 'heise online: teaser sentence',
  'laminas__laminas-feed/h-online.com-atom10.xml': 'The H: teaser sentence',
  'laminas__laminas-feed/laut.de-rdf.xml': 'laut.de: teaser sentence',
  'spacecowboy__Feeder/rss_lemonde.xml': 'Le Monde: standfirst',
  'Ranchero-Software__NetNewsWire/livemint.xml': 'Livemint: one-sentence descriptions',
  'Ranchero-Software__NetNewsWire/medscape.rss': 'Medscape: one-sentence descriptions',
  'Ranchero-Software__NetNewsWire/EMarley.rss':
    'Medium summary feed: snippet plus "Continue reading on Medium »"',
  'Ranchero-Software__NetNewsWire/donthitsave.xml': 'Don’t Hit Save: excerpt plus "[read more]"',
  'spacecowboy__Feeder/rss_anime2you.xml': 'Anime2You: WordPress excerpt, "erschien zuerst auf"',
  'rometools__rome/data__geo-rss-issue-27.rss': 'The Torontonian: WordPress excerpt ending "[…]"',
  'miniflux__v2/urdu_UTF8.xml': 'BBC Urdu: one-sentence descriptions',
  'danmactough__node-feedparser/iconv.xml': 'Russian news site: one-sentence descriptions',
  'rbren__rss-parser/encoding.rss': 'Jornal de Notícias: one-sentence descriptions',
  'Ranchero-Software__NetNewsWire/aktuality.rss': 'Aktuality.sk: one-sentence descriptions',
  'spacecowboy__Feeder/rss_ukrnet.xml': 'Suspilne: one-sentence descriptions',
  'danmactough__node-feedparser/illegally-nested.xml': 'PCMag (Dvorak): teaser cut mid-sentence',
  'spacecowboy__Feeder/rss_myanimelist.xml': 'MyAnimeList news: teaser ending "..."',
  'rbren__rss-parser/itunes-href.rss': 'Transfermarkt news: teaser ending "...."',
  'miniflux__v2/no_encoding_ISO-8859-1.xml': 'Le Cercle Psy: teaser sentences',
  'spacecowboy__Feeder/rss_fz.xml': 'FZ.se: one-paragraph teasers',
  'rbren__rss-parser/uolNoticias.rss': 'UOL Notícias: one-sentence descriptions',
  'feedjira__feedjira/google_alerts_atom.xml': 'Google Alerts: snippets ending "..."',
  'spacecowboy__Feeder/rdf_slashdot.xml':
    'Slashdot: story summary plus "Read more of this story at Slashdot."',
};

interface Outcome {
  feed: string;
  summaryOnly: boolean;
  items: number;
  agreeing: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

function evaluate(file: string, summaryOnly: boolean): Outcome {
  let bytes = readFileSync(CORPUS + file);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  const feed = parseFeed(new Uint8Array(bytes), { url: 'https://example.org/feed' });
  const outcome: Outcome = {
    feed: file,
    summaryOnly,
    items: feed.items.length,
    agreeing: 0,
    truePositives: 0,
    falsePositives: 0,
    falseNegatives: 0,
  };
  for (const item of feed.items) {
    const verdict = needsFullText({ ...item, url: item.url ?? 'https://example.org/item' });
    if (verdict === summaryOnly) outcome.agreeing++;
    if (verdict && summaryOnly) outcome.truePositives++;
    if (verdict && !summaryOnly) outcome.falsePositives++;
    if (!verdict && summaryOnly) outcome.falseNegatives++;
  }
  return outcome;
}

describe('needsFullText on hand-labelled real feeds', () => {
  const outcomes = [
    ...Object.keys(FULL_TEXT).map((file) => evaluate(file, false)),
    ...Object.keys(SUMMARY_ONLY).map((file) => evaluate(file, true)),
  ];
  const sum = (pick: (outcome: Outcome) => number) =>
    outcomes.reduce((total, outcome) => total + pick(outcome), 0);

  it('labels at least 20 feeds of each kind, every one with items', () => {
    expect(Object.keys(FULL_TEXT).length).toBeGreaterThanOrEqual(20);
    expect(Object.keys(SUMMARY_ONLY).length).toBeGreaterThanOrEqual(20);
    for (const outcome of outcomes) expect(outcome.items, outcome.feed).toBeGreaterThan(0);
  });

  it('agrees with the labels on at least 90% of items', () => {
    const agreement = sum((outcome) => outcome.agreeing) / sum((outcome) => outcome.items);
    expect(agreement).toBeGreaterThanOrEqual(0.9);
  });

  it('gets the majority of items right in at least 90% of feeds', () => {
    const right = outcomes.filter((outcome) => outcome.agreeing / outcome.items > 0.5).length;
    expect(right / outcomes.length).toBeGreaterThanOrEqual(0.9);
  });

  it('rarely sends full-text items for extraction and rarely misses a teaser', () => {
    const truePositives = sum((outcome) => outcome.truePositives);
    const precision = truePositives / (truePositives + sum((outcome) => outcome.falsePositives));
    const recall = truePositives / (truePositives + sum((outcome) => outcome.falseNegatives));
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  it('is right about every summary-only news feed with an explicit marker', () => {
    for (const file of [
      'rbren__rss-parser/guardian.rss',
      'danmactough__node-feedparser/wapowellness.xml',
      'Ranchero-Software__NetNewsWire/EMarley.rss',
      'rometools__rome/data__geo-rss-issue-27.rss',
      'spacecowboy__Feeder/rdf_slashdot.xml',
    ]) {
      const outcome = outcomes.find((candidate) => candidate.feed === file);
      expect(outcome?.agreeing, file).toBe(outcome?.items);
    }
  });
});

describe('needsFullText on single items', () => {
  const url = 'https://news.example/story';
  const words = (count: number) =>
    Array.from({ length: count }, (_, index) => `word${index}`).join(' ') + '.';

  it('wants the page for a teaser sentence', () => {
    expect(
      needsFullText({ url, summary: 'Ministers meet in Lisbon to sign a tidal energy pact.' }),
    ).toBe(true);
  });

  it('wants the page when the text ends the way teasers end, however long', () => {
    const long = `<p>${words(200)}</p>`;
    expect(
      needsFullText({ url, contentHtml: `${long}<p><a href="${url}">Continue reading...</a></p>` }),
    ).toBe(true);
    expect(needsFullText({ url, summary: `${words(70)} [&#8230;]` })).toBe(true);
    expect(
      needsFullText({ url, summary: `${words(70)} Read more of this story at Slashdot.` }),
    ).toBe(true);
  });

  it('keeps a whole post, even one that ends with an ellipsis or a footer', () => {
    const post = `<p>${words(120)}</p><p>${words(120)}</p>`;
    expect(needsFullText({ url, contentHtml: post })).toBe(false);
    expect(needsFullText({ url, contentHtml: `${post}<p>And then we waited…</p>` })).toBe(false);
    expect(
      needsFullText({
        url,
        contentHtml: `${post}<p>The post <a href="${url}">Story</a> appeared first on Example.</p>`,
      }),
    ).toBe(false);
  });

  it('uses the longer of content and summary', () => {
    expect(
      needsFullText({ url, summary: 'Short teaser.', contentHtml: `<p>${words(150)}</p>` }),
    ).toBe(false);
  });

  it('counts words in Chinese and Japanese text, which has no spaces', () => {
    const japanese =
      '海洋研究機構は十四日、深海探査船による日本海溝の調査で、これまで知られていなかった種類のクラゲを確認したと発表した。';
    expect(needsFullText({ url, summary: japanese })).toBe(true);
    expect(needsFullText({ url, contentHtml: `<p>${japanese.repeat(6)}</p>` })).toBe(false);
  });

  it('never asks for a page it cannot fetch, and always for an empty item', () => {
    expect(needsFullText({ summary: 'Short teaser.' })).toBe(false);
    expect(needsFullText({ url })).toBe(true);
    expect(needsFullText({ url, summary: '   ' })).toBe(true);
  });
});
