import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  assignStory,
  fingerprint,
  groupAll,
  lookupKeys,
  normalizeTitle,
  sameStory,
  storyMatch,
  type StoryInput,
  WINDOW_MS,
} from '@search-engine/core/story-grouping';

const seedText = readFileSync(
  path.resolve(__dirname, '../../../../resources/starter/seed-article.txt'),
  'utf8',
);
const blocks = seedText
  .split(/\n\s*\n/)
  .map((block) => block.trim())
  .filter(Boolean);
/** The seed article's eleven paragraphs (AP: Lee in Tokyo). */
const paragraphs = blocks.slice(blocks.findIndex((block) => block.includes('Published :')) + 1);
const TITLE = 'South Korean President Lee in Tokyo to strengthen Japan ties before meeting Trump';
const T0 = Date.UTC(2025, 7, 23, 17);
const HOUR = 3_600_000;

const wire: StoryInput = {
  id: 'ap',
  url: 'https://apnews.example/article/lee-tokyo',
  title: TITLE,
  text: paragraphs.join('\n\n'),
  publishedAt: T0,
  source: 'ap',
};

/** A paper's copy: its own headline and standfirst, the bottom cut, its boilerplate. */
const herald: StoryInput = {
  id: 'herald',
  url: 'https://herald.example/world/lee-picks-tokyo-first',
  title: 'Lee picks Tokyo over Washington for his first trip abroad',
  text: [
    'Seoul’s new leader breaks with tradition, putting Japan first.',
    ...paragraphs.slice(0, 6),
    'Copyright 2025 The Associated Press. All rights reserved.',
  ].join('\n\n'),
  publishedAt: T0 + 2 * HOUR,
  source: 'herald',
};

/** The follow-up: its own news first, then the seed's background. */
const followUp: StoryInput = {
  id: 'follow-up',
  url: 'https://courier.example/news/lee-trump-white-house',
  title: 'Lee meets Trump at the White House after Tokyo stop',
  text: [
    'South Korean President Lee Jae Myung met U.S. President Donald Trump at the White House on Monday for talks dominated by tariffs, shipbuilding investment and the cost of stationing American troops on the Korean Peninsula.',
    'Trump told reporters the meeting had gone “very well” and that the two countries were close to settling a trade deal reached last month, though he repeated his complaint that Seoul paid too little for its defense.',
    'Lee proposed that the allies cooperate on rebuilding America’s shipyards and said he hoped Trump would help restart dialogue with North Korea.',
    ...paragraphs.slice(5, 10),
  ].join('\n\n'),
  publishedAt: T0 + 48 * HOUR,
  source: 'courier',
};

const fp = (input: StoryInput) => fingerprint(input);

describe('fingerprint', () => {
  it('is plain data that survives a structured clone (IndexedDB) unchanged', () => {
    const print = fp(wire);
    expect(structuredClone(print)).toEqual(print);
    expect(print.signature).toBeInstanceOf(Uint16Array);
  });

  it('keeps its keys few and distinct: url, title, text bands, top', () => {
    const print = fp(wire);
    expect(print.keys.length).toBeLessThanOrEqual(20);
    expect(new Set(print.keys).size).toBe(print.keys.length);
    expect(print.keys.filter((key) => key.startsWith('u|'))).toEqual([`u||${wire.url}`]);
    expect(print.keys.filter((key) => key.startsWith('t|'))).toHaveLength(1);
  });

  it('looks copies up in its own time bucket and the two beside it; the url in any', () => {
    const print = fp(wire);
    const probes = lookupKeys(print);
    expect(probes).toContain(`u||${wire.url}`);
    const title = print.keys.find((key) => key.startsWith('t|'))!;
    const bucket = Number(title.split('|')[1]);
    for (const near of [bucket - 1, bucket, bucket + 1]) {
      expect(probes).toContain(`t|${near}|${print.title}`);
    }
    expect(probes).toHaveLength(1 + (print.keys.length - 1) * 3);
  });

  it('gives no text keys to a text too short to decide on, and no title key to a generic title', () => {
    const print = fp({ id: 'x', title: 'Live updates', text: 'Click here.', publishedAt: T0 });
    expect(print.keys).toEqual([]);
    expect(print.title).toBe('');
  });

  it('measures how full a copy is', () => {
    expect(fp(wire).words).toBeGreaterThan(fp(herald).words);
  });
});

describe('normalizeTitle', () => {
  it('folds case, punctuation and word forms, and drops a paper’s " | Name" suffix', () => {
    expect(normalizeTitle(`${TITLE} | The Herald`)).toBe(normalizeTitle(TITLE.toUpperCase()));
    expect(normalizeTitle('Lee’s Tokyo visit: ties strengthened')).toBe(
      normalizeTitle("Lee's Tokyo visits - tie strengthening"),
    );
  });

  it('is empty for titles with too few informative words', () => {
    expect(normalizeTitle('Live updates')).toBe('');
    expect(normalizeTitle('The story of the day')).toBe('');
  });
});

describe('sameStory', () => {
  it('joins a paper’s reworked copy of the wire story (new headline and standfirst, trimmed)', () => {
    expect(storyMatch(fp(herald), fp(wire))?.reason).toBe('text');
  });

  it('never joins a follow-up that repeats the background', () => {
    expect(sameStory(fp(followUp), fp(wire))).toBe(false);
    expect(sameStory(fp(followUp), fp(herald))).toBe(false);
  });

  it('never joins a follow-up that keeps the headline (its text opens with its own news)', () => {
    const sameHeadline = { ...followUp, title: TITLE, publishedAt: T0 + 20 * HOUR };
    expect(sameStory(fp(sameHeadline), fp(wire))).toBe(false);
  });

  it('takes no date for a date outside every window', () => {
    expect(sameStory(fp({ ...herald, publishedAt: Number.NaN }), fp(wire))).toBe(false);
  });

  it('joins the same page reached through another address (canonical url)', () => {
    const teaser: StoryInput = {
      id: 'aggregator',
      url: wire.url!,
      title: 'Lee in Tokyo',
      text: 'Short teaser.',
      publishedAt: T0 + 30 * 24 * HOUR,
    };
    expect(storyMatch(fp(teaser), fp(wire))?.reason).toBe('url');
  });

  it('does not take one address for one article when the titles or texts say otherwise', () => {
    // A day page whose posts are anchors, a podcast whose episodes all link to the show.
    const day = 'https://scripting.example/2017/06/26.html';
    const post = (id: string, title: string, text: string, source?: string) =>
      fp({ id, url: day, title, text, publishedAt: T0, ...(source ? { source } : {}) });
    const morning = post('m', 'Good morning students and teachers', 'Short note.', 'blog');
    const later = post('l', 'Interesting Politico piece on health care', 'Another note.', 'blog');
    expect(sameStory(morning, later)).toBe(false);
    // Within one source a re-post keeps its title; elsewhere most title words must agree.
    expect(sameStory(morning, post('r', 'Good morning students and teachers', 'x', 'blog'))).toBe(
      true,
    );
    expect(
      sameStory(morning, post('a', 'Good morning, students and teachers - Aggregator', 'y')),
    ).toBe(true);
    expect(sameStory(morning, post('b', 'Good morning sports fans', 'z'))).toBe(false);
    // Two texts that say enough and share nothing are two articles.
    const rich = (id: string, text: string) =>
      fp({ id, url: day, title: TITLE, text, publishedAt: T0 });
    expect(sameStory(rich('1', wire.text), rich('2', followUp.text.split('\n\n')[0]!))).toBe(false);
  });

  it('does not take a site’s front page for an article’s address', () => {
    const a = { id: 'a', url: 'https://example.com/', title: 'One', text: 'x', publishedAt: T0 };
    const b = { id: 'b', url: 'https://example.com/', title: 'Two', text: 'y', publishedAt: T0 };
    expect(sameStory(fp(a), fp(b))).toBe(false);
  });

  it('joins the same informative headline within the window, when the texts do not contradict it', () => {
    const teaser: StoryInput = {
      id: 'teaser',
      title: `${TITLE} | Coastal Times`,
      text: 'Lee visited Tokyo on Saturday.',
      publishedAt: T0 + 5 * HOUR,
    };
    expect(storyMatch(fp(teaser), fp(wire))?.reason).toBe('title');
    expect(sameStory(fp({ ...teaser, publishedAt: T0 + WINDOW_MS + HOUR }), fp(wire))).toBe(false);
  });

  it('does not join another event under the same headline (two rich texts sharing nothing)', () => {
    const other: StoryInput = {
      id: 'other',
      title: TITLE,
      text: followUp.text.split('\n\n').slice(0, 3).join('\n\n').repeat(2),
      publishedAt: T0 + 5 * HOUR,
    };
    expect(sameStory(fp(other), fp(wire))).toBe(false);
  });

  it('never joins two earthquake reports that share their background paragraphs', () => {
    const background = [
      'Taiwan lies along the “Ring of Fire,” the line of seismic faults encircling the Pacific Ocean where most of the world’s earthquakes occur.',
      'In 1999, a magnitude 7.7 earthquake struck central Taiwan, killing more than 2,400 people and destroying or damaging 50,000 buildings. The island’s building codes were tightened afterwards, and schools hold regular earthquake drills.',
      'A magnitude 7.4 earthquake that struck Hualien in April 2024 killed at least 18 people and caused landslides that blocked roads along the east coast for weeks.',
    ];
    const tuesday: StoryInput = {
      id: 'tuesday',
      title: 'Magnitude 6.1 earthquake shakes Taiwan’s east coast',
      text: [
        'A magnitude 6.1 earthquake struck off the east coast of Taiwan on Tuesday, shaking buildings in the capital Taipei, the island’s Central Weather Administration said. There were no immediate reports of damage or casualties.',
        'The quake was centered 34 kilometers (21 miles) south of Hualien county at a depth of 15.5 kilometers (9.6 miles).',
        ...background,
      ].join('\n\n'),
      publishedAt: T0,
      source: 'ap',
    };
    const thursday: StoryInput = {
      id: 'thursday',
      title: 'Earthquake of magnitude 5.4 strikes southern Taiwan',
      text: [
        'A magnitude 5.4 earthquake struck Taiwan’s southern Pingtung county on Thursday, the Central Weather Administration said, shaking buildings in Kaohsiung. There were no immediate reports of damage or casualties.',
        'The quake was centered 12 kilometers (7 miles) east of the county seat at a depth of 9 kilometers (5.6 miles).',
        ...background,
      ].join('\n\n'),
      publishedAt: T0 + 48 * HOUR,
      source: 'reuters',
    };
    expect(sameStory(fp(tuesday), fp(thursday))).toBe(false);
    // …while a paper's copy of either, under its own headline and standfirst, joins it.
    const copy: StoryInput = {
      ...thursday,
      id: 'copy',
      title: 'Quake rattles Kaohsiung',
      text: `No damage reported after the tremor.\n\n${thursday.text}\n\nSign up for our newsletter.`,
      source: 'courier',
    };
    expect(sameStory(fp(copy), fp(thursday))).toBe(true);
    expect(sameStory(fp(copy), fp(tuesday))).toBe(false);
  });

  it('joins near-duplicate texts only within the window', () => {
    const late = { ...herald, publishedAt: T0 + WINDOW_MS + HOUR };
    expect(sameStory(fp(late), fp(wire))).toBe(false);
  });

  it('never joins two articles of one source except by address', () => {
    expect(sameStory(fp({ ...herald, source: 'ap' }), fp(wire))).toBe(false);
  });

  it('takes the site for the source when none is given', () => {
    const a = { ...herald, source: undefined, url: 'https://apnews.example/article/other' };
    expect(sameStory(fp(a), fp({ ...wire, source: undefined }))).toBe(false);
    expect(
      sameStory(fp({ ...herald, source: undefined }), fp({ ...wire, source: undefined })),
    ).toBe(true);
  });
});

describe('assignStory', () => {
  it('starts a new story when nothing matches', () => {
    expect(assignStory(fp(followUp), [{ fingerprint: fp(wire) }])).toBeUndefined();
  });

  it('joins a lone candidate’s story, named by its id, or the candidate’s story', () => {
    expect(assignStory(fp(herald), [{ fingerprint: fp(wire) }])).toBe('ap');
    expect(assignStory(fp(herald), [{ fingerprint: fp(wire), storyId: 's1' }])).toBe('s1');
  });

  it('refuses a story that already has an article of the same source', () => {
    const again = { ...herald, id: 'herald-2', url: 'https://herald.example/world/lee-2' };
    const candidates = [
      { fingerprint: fp(wire), storyId: 's1' },
      { fingerprint: fp(herald), storyId: 's1' },
    ];
    expect(assignStory(fp(again), candidates)).toBeUndefined();
  });

  it('refuses a story when a member of it is clearly another article', () => {
    const other: StoryInput = {
      id: 'other',
      title: TITLE,
      text: followUp.text.split('\n\n').slice(0, 3).join('\n\n').repeat(2),
      publishedAt: T0 + 5 * HOUR,
      source: 'gazette',
    };
    const teaser: StoryInput = {
      id: 'teaser',
      title: TITLE,
      text: 'Lee visited Tokyo on Saturday.',
      publishedAt: T0 + 3 * HOUR,
      source: 'times',
    };
    // The teaser matches both by title, but the story holds a text that contradicts `other`.
    expect(
      assignStory(fp(other), [
        { fingerprint: fp(teaser), storyId: 's1' },
        { fingerprint: fp(wire), storyId: 's1' },
      ]),
    ).toBeUndefined();
  });

  it('prefers the story that matches best', () => {
    const candidates = [
      {
        fingerprint: fp({ ...wire, id: 'teaser', text: 'Lee visited Tokyo.', url: undefined }),
        storyId: 'title-only',
      },
      { fingerprint: fp(wire), storyId: 'wire' },
    ];
    expect(
      assignStory(fp({ ...wire, id: 'ap-2', source: 'times', url: wire.url }), candidates),
    ).toBe('wire');
  });
});

describe('groupAll', () => {
  it('puts every article in exactly one group, stories in arrival order', () => {
    const groups = groupAll([wire, followUp, herald]);
    expect(groups).toEqual([['ap', 'herald'], ['follow-up']]);
  });

  it('refuses a story holding an article of the same source, even one its keys did not find', () => {
    // Buckets of WINDOW_MS: the third article looks up its own bucket and the two beside it,
    // so it finds the second but not the first; the first is a member of the second's story.
    const start = Math.floor(T0 / WINDOW_MS) * WINDOW_MS;
    const first = { ...wire, publishedAt: start + HOUR };
    const second = { ...herald, publishedAt: start + WINDOW_MS + HOUR };
    const third = {
      ...herald,
      id: 'ap-again',
      url: 'https://apnews.example/article/lee-tokyo-2',
      source: 'ap',
      publishedAt: start + 2 * WINDOW_MS + HOUR / 2,
    };
    expect(sameStory(fp(third), fp(second))).toBe(true);
    expect(groupAll([first, second, third])).toEqual([['ap', 'herald'], ['ap-again']]);
  });

  it('decides alike whichever copy arrives first', () => {
    expect(groupAll([herald, wire, followUp])).toEqual([['herald', 'ap'], ['follow-up']]);
  });

  it('returns nothing for nothing', () => {
    expect(groupAll([])).toEqual([]);
  });
});
