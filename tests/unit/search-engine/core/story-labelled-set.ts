/**
 * The labelled set for story grouping: real articles (the real-feeds corpus, read from
 * ../shared at test time, and the seed article) and copies made from them the way papers rework
 * wire copy — their own headline, a different standfirst, the bottom trimmed or a local
 * paragraph added, copy edits, their own boilerplate, their own address (now and then the
 * original's address dressed in tracking parameters) — with hard negatives: every other real
 * article published within the same few days (same feed, same topic, same boilerplate), and
 * follow-ups that open with their own news and then repeat a run of the original's background
 * paragraphs (and are syndicated in turn), other events run under the very same headline, and
 * other events told with the same background after an opening of their own.
 * Deterministic: one seed, mulberry32.
 *
 * Every article carries `story`, its true story; pairwise precision and recall compare the
 * groups the code makes with these.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { canonicalUrl } from '@shared/canonical-url';
import { htmlToText } from '@search-engine/core/html-text';
import { terms } from '@search-engine/core/tokenize';
import type { StoryInput } from '@search-engine/core/story-grouping';
import { normalizeTitle } from '@search-engine/core/story-grouping';
import { seededRandom } from '../../../e2e/support/seeded-random';
import { parseRealFeeds } from './real-feeds-corpus';

export type LabelKind =
  | 'original'
  | 'copy'
  | 'follow-up'
  | 'follow-up copy'
  | 'same headline, other event'
  | 'same background, other event'
  | 'other';

export interface LabelledArticle extends StoryInput {
  /** The true story. */
  story: string;
  kind: LabelKind;
}

interface Source {
  id: string;
  feed: string;
  title: string;
  url?: string;
  paragraphs: string[];
  words: number;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const BASE = Date.UTC(2025, 7, 20);
const REPO = path.resolve(__dirname, '../../../..');

interface Paper {
  name: string;
  host: string;
  /** Lines papers put around wire copy: credit on top, boilerplate at the bottom. */
  top?: string;
  bottom: string[];
}

const PAPERS: readonly Paper[] = [
  {
    name: 'The Morning Herald',
    host: 'www.morningherald.example',
    top: 'By Associated Press',
    bottom: [
      'Copyright 2025 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed without permission.',
    ],
  },
  {
    name: 'Valley Courier',
    host: 'valleycourier.example',
    bottom: [
      'Sign up for the Courier Morning Brief to get the day’s top stories in your inbox before breakfast.',
      'Have a news tip? Email our newsroom at tips@valleycourier.example or call us any time.',
    ],
  },
  {
    name: 'Daily Ledger',
    host: 'news.dailyledger.example',
    top: 'From wire reports',
    bottom: ['Read more world news and analysis at the Daily Ledger. Follow us on social media.'],
  },
  {
    name: 'The Northern Star',
    host: 'northernstar.example',
    bottom: [
      'This article was amended on publication to include additional reporting from our correspondents.',
      'Support independent journalism: subscribe to The Northern Star from just a few cents a day.',
    ],
  },
  {
    name: 'Metro Wire Digest',
    host: 'm.metrowire.example',
    top: 'Reuters',
    bottom: ['Reporting by staff; editing by the desk. Our standards: the Trust Principles.'],
  },
  { name: 'Coastal Times', host: 'coastaltimes.example', bottom: [] },
];

/** Block ends become paragraph breaks; a wall of text is cut every three sentences. */
function paragraphsOf(html: string): string[] {
  const marked = html.replace(
    /<\/(?:p|div|li|h[1-6]|blockquote|pre|tr)\s*>|<br\s*\/?>\s*<br\s*\/?>/gi,
    '$&\u2029',
  );
  const blocks = marked
    .split('\u2029')
    .map((block) => htmlToText(block))
    .filter((block) => block.split(/\s+/).length >= 3);
  const out: string[] = [];
  for (const block of blocks) {
    const sentences = sentencesOf(block);
    if (block.split(/\s+/).length <= 120 || sentences.length < 4) out.push(block);
    else
      for (let i = 0; i < sentences.length; i += 3) out.push(sentences.slice(i, i + 3).join(' '));
  }
  return out;
}

function sentencesOf(text: string): string[] {
  return text.split(/(?<=[.!?…])\s+(?=[A-Z“"‘'(])/u).filter(Boolean);
}

/** Words as the index counts them (CJK text, written without spaces, counts its bigrams). */
function wordCount(paragraphs: readonly string[]): number {
  return paragraphs.reduce((sum, p) => sum + terms(p).length, 0);
}

/**
 * Every item of the corpus once: a feed published in several formats (the same channel title)
 * counts once, and an item whose address and title, informative title or opening repeats an
 * earlier one's is left out, so that no real duplicate hides among the articles labelled
 * distinct. Items of one address under different titles stay, as the different articles they
 * are (a day page's anchored posts, a podcast's episodes all linking to the show's page).
 */
function loadSources(): Source[] {
  const channels = new Set<string>();
  const seen = new Set<string>();
  const sources: Source[] = [];
  for (const { file, parsed } of parseRealFeeds(BASE)) {
    const channel = parsed.title.trim().toLowerCase();
    if (channels.has(channel)) continue;
    channels.add(channel);
    parsed.items.forEach((item, index) => {
      const html = item.contentHtml ?? item.summary ?? '';
      const paragraphs = paragraphsOf(html);
      const text = paragraphs.join(' ');
      const url = canonicalUrl(item.url);
      const title = normalizeTitle(item.title);
      const opening = text.toLowerCase().replace(/\W+/g, ' ').trim().slice(0, 160);
      const marks = [
        url && `u ${url} ${title}`,
        title && `t ${title}`,
        opening.length >= 60 && `o ${opening}`,
      ];
      if (marks.some((mark) => mark && seen.has(mark))) return;
      for (const mark of marks) if (mark) seen.add(mark);
      const source: Source = {
        id: `${file}#${index}`,
        feed: file,
        title: item.title,
        paragraphs,
        words: wordCount(paragraphs),
      };
      if (url) source.url = url;
      sources.push(source);
    });
  }
  return sources;
}

/** The seed article (resources/starter) and two hand-written neighbours of it. */
function seedSources(): { seed: Source; followUp: Source; otherEvent: Source } {
  const text = readFileSync(path.join(REPO, 'resources/starter/seed-article.txt'), 'utf8');
  const blocks = text
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean);
  const paragraphs = blocks.slice(blocks.findIndex((block) => block.includes('Published :')) + 1);
  const seed: Source = {
    id: 'seed',
    feed: 'seed',
    title: 'South Korean President Lee in Tokyo to strengthen Japan ties before meeting Trump',
    url: 'https://apnews.example/article/south-korea-japan-lee-ishiba-summit',
    paragraphs,
    words: wordCount(paragraphs),
  };
  // The follow-up: its own news first, then the seed's background (as papers write them).
  const followParagraphs = [
    'South Korean President Lee Jae Myung met U.S. President Donald Trump at the White House on Monday, two days after his stop in Tokyo, for talks dominated by tariffs, shipbuilding investment and the cost of stationing American troops on the Korean Peninsula.',
    'Trump told reporters in the Oval Office that the meeting had gone “very well” and that the two countries were close to settling the details of a trade deal reached last month, though he repeated his complaint that Seoul paid too little for its defense.',
    'Lee, speaking through an interpreter, proposed that the two allies cooperate on rebuilding America’s shipyards and said he hoped Trump would help restart dialogue with North Korea’s Kim Jong Un.',
    ...paragraphs.slice(5, 10),
  ];
  const followUp: Source = {
    id: 'seed follow-up',
    feed: 'seed',
    title: 'Lee and Trump meet at the White House after South Korean leader’s Tokyo stop',
    url: 'https://apnews.example/article/lee-trump-white-house-tariffs-troops',
    paragraphs: followParagraphs,
    words: wordCount(followParagraphs),
  };
  // Same topic, same people, a different event: the two leaders' next meeting.
  const otherParagraphs = [
    'Japanese Prime Minister Shigeru Ishiba traveled to the South Korean port city of Busan on Tuesday for a second summit with President Lee Jae Myung, returning the visit Lee made to Tokyo less than a month ago.',
    'The two leaders agreed to set up a working group on population decline and low birth rates, a problem both countries share, and to expand exchanges between their coast guards and disaster agencies.',
    'Lee said the visit showed that “shuttle diplomacy” between Seoul and Tokyo had been fully restored, while Ishiba, who has announced he will step down as leader of his party, said he hoped his successor would keep up the momentum.',
    'The meeting in Busan was the first by a Japanese prime minister to a South Korean city other than Seoul in more than two decades. Protesters gathered outside the venue demanding compensation for wartime forced labor.',
    'Officials from both sides said North Korea’s missile launches and China’s military activity in the region were also discussed.',
  ];
  const otherEvent: Source = {
    id: 'seed other event',
    feed: 'seed',
    title: 'Japan’s Ishiba visits Busan for second summit with South Korea’s Lee',
    url: 'https://apnews.example/article/ishiba-busan-lee-summit',
    paragraphs: otherParagraphs,
    words: wordCount(otherParagraphs),
  };
  return { seed, followUp, otherEvent };
}

export interface LabelledSetOptions {
  seed?: number;
}

export function buildLabelledSet(options: LabelledSetOptions = {}): LabelledArticle[] {
  const random = seededRandom(options.seed ?? 16);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const chance = (p: number) => random() < p;
  const between = (low: number, high: number) => low + random() * (high - low);

  const all = loadSources();
  const { seed, followUp: seedFollowUp, otherEvent } = seedSources();
  const rich = all.filter((source) => source.words >= 150 && source.paragraphs.length >= 3);
  // A share of the rich articles lend their openings to follow-ups and never appear themselves,
  // so a follow-up's new lead is no other article's lead.
  const donors = rich.filter(() => chance(0.2));
  const donorIds = new Set(donors.map((donor) => donor.id));
  // A third of them only lend papers their local paragraphs.
  const fillers = donors.filter(() => chance(0.33));
  for (const filler of fillers) donors.splice(donors.indexOf(filler), 1);
  const articles: LabelledArticle[] = [];
  /** Every paper article's own address: a paper never gives two articles one URL. */
  let serial = 0;

  const add = (
    source: Pick<Source, 'title' | 'paragraphs'> & { url?: string },
    id: string,
    story: string,
    kind: LabelKind,
    publishedAt: number,
    from: string,
  ) => {
    const article: LabelledArticle = {
      id,
      story,
      kind,
      title: source.title,
      text: source.paragraphs.join('\n\n'),
      publishedAt,
    };
    if (source.url) article.url = source.url;
    // Its feed or paper, as the app gives its feed.
    article.source = from;
    articles.push(article);
  };

  /** A paper's reworking of `source`. */
  const syndicate = (source: Source, paper: Paper): Source => {
    const paragraphs = source.paragraphs.map((paragraph) => copyEdit(paragraph));
    let body = paragraphs;
    const shape = random();
    if (shape < 0.5 || shape >= 0.85) {
      // Trimmed from the bottom, as wire copy is cut to fit.
      const keep = Math.max(2, Math.ceil(paragraphs.length * between(0.45, 0.9)));
      body = paragraphs.slice(0, keep);
    }
    if (shape >= 0.5) {
      // A local angle: a paragraph or two of other real text (from no article in the set, and
      // not its opening), after the lead.
      const other = pick(fillers).paragraphs;
      const start = Math.max(1, Math.floor(other.length / 2));
      const local = other.slice(start, start + (chance(0.5) ? 1 : 2));
      const at = Math.min(body.length, 2 + Math.floor(random() * Math.max(1, body.length - 2)));
      body = [...body.slice(0, at), ...local, ...body.slice(at)];
    }
    const standfirst = chance(0.7) ? [standfirstFor(source)] : [];
    const top = paper.top && chance(0.7) ? [paper.top] : [];
    const title = headlineFor(source, paper);
    const url =
      source.url && chance(0.15)
        ? dressUrl(source.url)
        : `https://${paper.host}/2025/${slug(title)}-${(serial += 1)}`;
    return {
      ...source,
      title,
      url,
      paragraphs: [...top, ...standfirst, ...body, ...paper.bottom],
    };
  };

  const copyEdit = (paragraph: string): string => {
    if (!chance(0.3)) return paragraph;
    const sentences = sentencesOf(paragraph);
    const edit = random();
    if (edit < 0.4 && sentences.length >= 2) return sentences.slice(0, -1).join(' ');
    if (edit < 0.7)
      return paragraph.replace(/\bsaid\b/, 'says').replace(/\bthe United States\b/, 'the U.S.');
    return paragraph.replace(/, /, ', it was reported, ');
  };

  const standfirstFor = (source: Source): string => {
    const sentences = source.paragraphs
      .slice(Math.floor(source.paragraphs.length / 2))
      .flatMap(sentencesOf);
    const sentence = sentences.length ? pick(sentences) : source.title;
    const words = sentence.split(/\s+/);
    return chance(0.5)
      ? `${words.slice(Math.min(3, words.length - 1)).join(' ')}`
      : `${source.title.replace(/[.!?]$/, '')}: what we know so far.`;
  };

  const headlineFor = (source: Source, paper: Paper): string => {
    const style = random();
    if (style < 0.35) return source.title;
    if (style < 0.5) return `${source.title} | ${paper.name}`;
    if (style < 0.75) {
      const words = (sentencesOf(source.paragraphs[0] ?? source.title)[0] ?? source.title)
        .replace(/[.!?]$/, '')
        .split(/\s+/);
      return words.slice(0, Math.min(words.length, 6 + Math.floor(random() * 6))).join(' ');
    }
    const words = source.title.split(/\s+/);
    if (words.length > 3) words.splice(1 + Math.floor(random() * (words.length - 2)), 1);
    return `${pick(['Report:', 'Explainer:', 'Analysis:', 'Latest:'])} ${words.join(' ')}`;
  };

  /**
   * A follow-up to `source`: a donor's opening as its own news (at least a third of it, as a
   * follow-up is news, not a reprint), then a run of the original's background paragraphs — never
   * its lead, and at most 60% of its words.
   */
  const followUpTo = (source: Source, donor: Source): Source => {
    const budget = 0.6 * source.words;
    const from = 1 + Math.floor(random() * Math.max(1, source.paragraphs.length - 3));
    const background: string[] = [];
    for (const paragraph of source.paragraphs.slice(from)) {
      if (wordCount([...background, paragraph]) > budget) break;
      background.push(paragraph);
    }
    const lead: string[] = [];
    for (const paragraph of donor.paragraphs) {
      if (lead.length && wordCount(lead) >= Math.max(60, wordCount(background) / 2)) break;
      lead.push(paragraph);
    }
    return {
      ...source,
      id: `${source.id} follow-up`,
      title: `${donor.title.replace(/[.!?]$/, '')} (${pick(['update', 'day two', 'reaction', 'what happened next'])})`,
      url: `${source.url ?? `https://${source.feed.replace(/\W+/g, '-')}.example/post`}/follow-up`,
      paragraphs: [...lead, ...background],
      words: 0,
    };
  };

  /** The original (published first) and a few papers' copies within the next day and a half. */
  const withCopies = (
    source: Source,
    kind: 'original' | 'follow-up',
    at: number,
    copies: number,
  ) => {
    add(source, source.id, source.id, kind, at, source.feed);
    const papers = [...PAPERS].sort(() => random() - 0.5).slice(0, copies);
    papers.forEach((paper) => {
      const copy = syndicate(source, paper);
      const copyKind = kind === 'original' ? 'copy' : 'follow-up copy';
      add(
        copy,
        `${source.id} @ ${paper.name}`,
        source.id,
        copyKind,
        at + between(0.2, 30) * HOUR,
        paper.name,
      );
    });
  };

  // Everything happens within five days, so only the texts and titles tell stories apart.
  const when = () => BASE + between(0, 5) * DAY;
  for (const source of all) {
    if (donorIds.has(source.id)) continue;
    const at = when();
    const eligible = source.words >= 150 && source.paragraphs.length >= 3;
    if (!eligible || !chance(0.45)) {
      add(source, source.id, source.id, 'other', at, source.feed);
      continue;
    }
    withCopies(source, 'original', at, 1 + Math.floor(random() * 3));
    if (donors.length && chance(0.1)) {
      // Another event under the very same headline, elsewhere, the next day ("Stocks fall as
      // rate fears grow"): a donor's text under this article's title.
      const donor = donors.splice(Math.floor(random() * donors.length), 1)[0]!;
      const other = { ...donor, title: source.title };
      add(
        other,
        `${donor.id} as ${source.id}`,
        donor.id,
        'same headline, other event',
        at + between(2, 40) * HOUR,
        donor.feed,
      );
    }
    if (source.paragraphs.length >= 4 && donors.length && chance(0.12)) {
      // Another event told with the same background (the second earthquake report of the week,
      // the next match report): its own opening, a quarter of it at least, then all of this
      // article's text after its lead. (A new lead sentence over the same text would be a
      // write-through: the same story.)
      const pickAt = Math.floor(random() * donors.length);
      const donor = donors[pickAt]!;
      const background = source.paragraphs.slice(1);
      const lead: string[] = [];
      for (const paragraph of donor.paragraphs) {
        if (lead.length && wordCount(lead) >= Math.max(50, wordCount(background) / 3)) break;
        lead.push(paragraph);
      }
      // A donor too short for an opening of its own would make a write-through; none then.
      if (wordCount(lead) >= wordCount(background) / 3) {
        donors.splice(pickAt, 1);
        const other: Source = {
          ...donor,
          id: `${donor.id} after ${source.id}`,
          paragraphs: [...lead, ...background],
        };
        add(
          other,
          other.id,
          other.id,
          'same background, other event',
          at + between(2, 40) * HOUR,
          donor.feed,
        );
      }
    }
    if (source.paragraphs.length >= 5 && donors.length && chance(0.35)) {
      // Each donor once: two follow-ups opening alike would be one story.
      const followUp = followUpTo(
        source,
        donors.splice(Math.floor(random() * donors.length), 1)[0]!,
      );
      followUp.words = wordCount(followUp.paragraphs);
      withCopies(
        followUp,
        'follow-up',
        at + between(20, 60) * HOUR,
        chance(0.5) ? 1 + Math.floor(random() * 2) : 0,
      );
    }
  }
  const seedAt = BASE + 2 * DAY;
  withCopies(seed, 'original', seedAt, 4);
  withCopies(seedFollowUp, 'follow-up', seedAt + 2 * DAY, 2);
  withCopies(otherEvent, 'original', seedAt + 2.5 * DAY, 2);
  // Arrival order: by time, as refreshes bring them.
  return articles.sort((a, b) => a.publishedAt - b.publishedAt);
}

function slug(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'story'
  );
}

/** The original's address as an aggregator or a share button hands it on. */
function dressUrl(url: string): string {
  const [base = url, hash] = url.split('#');
  const joiner = base.includes('?') ? '&' : '?';
  const dressed = base.replace('https://', 'http://www.');
  return `${dressed}${joiner}utm_source=newsletter&utm_medium=email&fbclid=IwAR0x${hash ? `#${hash}` : '#comments'}`;
}

export interface PairwiseScore {
  precision: number;
  recall: number;
  truePairs: number;
  predictedPairs: number;
  correctPairs: number;
}

/** Pairwise precision and recall of `groups` (ids) against the articles' true stories. */
export function pairwiseScore(
  articles: readonly LabelledArticle[],
  groups: readonly string[][],
): PairwiseScore {
  const storyOf = new Map(articles.map((article) => [article.id, article.story]));
  const pairs = (n: number) => (n * (n - 1)) / 2;
  const trueSizes = new Map<string, number>();
  for (const article of articles)
    trueSizes.set(article.story, (trueSizes.get(article.story) ?? 0) + 1);
  let truePairs = 0;
  for (const size of trueSizes.values()) truePairs += pairs(size);
  let predictedPairs = 0;
  let correctPairs = 0;
  for (const group of groups) {
    predictedPairs += pairs(group.length);
    const counts = new Map<string, number>();
    for (const id of group) counts.set(storyOf.get(id)!, (counts.get(storyOf.get(id)!) ?? 0) + 1);
    for (const count of counts.values()) correctPairs += pairs(count);
  }
  return {
    precision: predictedPairs ? correctPairs / predictedPairs : 1,
    recall: truePairs ? correctPairs / truePairs : 1,
    truePairs,
    predictedPairs,
    correctPairs,
  };
}
