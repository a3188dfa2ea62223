import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importPlainText } from '@main/articles/import-text';
import { AppError } from '@shared/result';

// The product's sample article, shared by every checkout at ../shared.
const SEED_PATH = join(import.meta.dirname, '../../../../../shared/seed/seed-article.txt');
const seed = readFileSync(SEED_PATH, 'utf8');

const SEED_PARAGRAPH_STARTS = [
  'South Korean President Lee Jae Myung on Saturday held his first full-fledged summit',
  'Lee’s choice to travel to Japan before visiting Washington — an unusual order —',
  'Japanese officials welcomed the move as a signal of Lee’s priority',
  'Receiving Lee at the Prime Minister’s Office, Ishiba noted',
  'The two leaders initially met in a closed session',
  'Rintaro Nishimura, an analyst with The Asia Group’s Japan branch',
  'Though largely symbolic, Saturday’s meeting also highlighted',
  'The agenda also covered regional concerns, including North Korea’s nuclear program',
  'Ishiba, who already reached a tariffs deal with Trump earlier this year',
  'The talks came shortly after both leaders signaled reconciliatory gestures.',
  'Ishiba, for his part, expressed “remorse” over Japan’s wartime aggression',
];

const originalTz = process.env.TZ;
afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

function paragraphsOf(html: string): string[] {
  return [...html.matchAll(/<p>([\s\S]*?)<\/p>/g)].map((m) => m[1] ?? '');
}

describe('importPlainText: the seed article', () => {
  const article = importPlainText(seed, { fileName: 'seed-article.txt' });
  // The seed's paragraphs, straight from the file: the blocks after the date line.
  const blocks = seed
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean);
  const expected = blocks.slice(blocks.findIndex((block) => block.includes('Published :')) + 1);

  it('reads title, section, byline', () => {
    expect(article.title).toBe(
      'South Korean President Lee in Tokyo to strengthen Japan ties before meeting Trump',
    );
    expect(article.section).toBe('World');
    expect(article.byline).toBe('AP');
    expect(article.lang).toBe('en');
    expect(article.dir).toBe('ltr');
  });

  it('reads the date line as local wall-clock time', () => {
    expect(article.published).toBe(new Date(2025, 7, 23, 17, 21).getTime());
  });

  // The brief and ../shared/README.md speak of 13 paragraphs; the file holds 11 blocks of body
  // text after the date line (13 counting the headline and the byline/date block).
  it('keeps the body paragraphs in order, curly quotes intact, escaped', () => {
    expect(expected).toHaveLength(11);
    const paragraphs = paragraphsOf(article.contentHtml);
    expect(paragraphs).toEqual(expected);
    expect(article.textContent).toBe(expected.join('\n\n'));
    for (const [i, start] of SEED_PARAGRAPH_STARTS.entries()) {
      expect(paragraphs.findIndex((p) => p.startsWith(start))).toBeGreaterThanOrEqual(i);
    }
    expect(article.textContent).toContain('“pragmatic diplomacy,”');
    expect(article.textContent).toContain('Japan’s');
    expect(article.contentHtml).toContain('expressed “remorse” over Japan’s');
  });

  it('drops the tracker word everywhere', () => {
    for (const field of [article.contentHtml, article.textContent, article.title]) {
      expect(field).not.toMatch(/clicky/i);
    }
    expect(article.excerpt).not.toMatch(/clicky/i);
  });

  it('derives the excerpt, word count and reading time', () => {
    expect(article.excerpt).toBe(expected[0]);
    expect(article.wordCount).toBeGreaterThan(350);
    expect(article.wordCount).toBeLessThan(450);
    expect(article.readingMinutes).toBe(2);
    expect(article.images).toEqual([]);
  });

  it.each(['Asia/Seoul', 'America/New_York', 'UTC', 'Pacific/Chatham'])(
    'reads the date in the local zone under TZ=%s',
    (tz) => {
      process.env.TZ = tz;
      const local = new Date(2025, 7, 23, 17, 21);
      expect(local.getHours()).toBe(17);
      expect(importPlainText(seed).published).toBe(local.getTime());
    },
  );

  it('reads the date at an explicit zone offset, whatever the local zone', () => {
    process.env.TZ = 'America/Los_Angeles';
    expect(importPlainText(seed, { timeZoneOffsetMinutes: 540 }).published).toBe(
      Date.UTC(2025, 7, 23, 8, 21),
    );
    expect(importPlainText(seed, { timeZoneOffsetMinutes: -240 }).published).toBe(
      Date.UTC(2025, 7, 23, 21, 21),
    );
    expect(importPlainText(seed, { timeZoneOffsetMinutes: 0 }).published).toBe(
      Date.UTC(2025, 7, 23, 17, 21),
    );
  });

  it('is unchanged by Windows line endings, a BOM and tabs', () => {
    const windows = `\uFEFF${seed.replace(/\n/g, '\r\n').replace(/^By AP/m, '\tBy AP\t')}`;
    const again = importPlainText(windows, { fileName: 'seed-article.txt' });
    expect(again).toEqual(article);
  });
});

describe('importPlainText: other shapes of text', () => {
  const body =
    'The council voted on Tuesday to close the old bridge for repairs. Traffic will be rerouted through the town centre for at least six months, officials said.';
  const second = 'Residents said they had waited years for the work to begin.';

  it('needs no section, byline or date', () => {
    const article = importPlainText(`Bridge to close for repairs\n\n${body}\n\n${second}\n`);
    expect(article.title).toBe('Bridge to close for repairs');
    expect(article.section).toBeUndefined();
    expect(article.byline).toBeUndefined();
    expect(article.published).toBeUndefined();
    expect(paragraphsOf(article.contentHtml)).toEqual([body, second]);
  });

  it('takes the title from the file name when the text starts with a paragraph', () => {
    const article = importPlainText(`${body}\n\n${second}`, {
      fileName: 'bridge-closure_2025.txt',
    });
    expect(article.title).toBe('bridge closure 2025');
    expect(paragraphsOf(article.contentHtml)).toEqual([body, second]);
  });

  it('takes the first sentence as title when there is neither headline nor file name', () => {
    const article = importPlainText(`${body}\n\n${second}`);
    expect(article.title).toBe('The council voted on Tuesday to close the old bridge for repairs.');
  });

  it.each([
    ['August 23, 2025', [2025, 7, 23, 0, 0]],
    ['Aug. 23, 2025, 5:21 p.m.', [2025, 7, 23, 17, 21]],
    ['2025-08-23 17:21', [2025, 7, 23, 17, 21]],
    ['23.08.2025', [2025, 7, 23, 0, 0]],
    ['23/08/2025 17:21', [2025, 7, 23, 17, 21]],
    ['08/23/2025', [2025, 7, 23, 0, 0]],
    ['Updated: 23 Aug 2025 05:21 PM', [2025, 7, 23, 17, 21]],
    ['Posted on Saturday, 23rd August 2025 at 17:21', [2025, 7, 23, 17, 21]],
    ['Veröffentlicht am 23. August 2025, 17:21 Uhr', [2025, 7, 23, 17, 21]],
    ['Publié le 23 août 2025 à 17h21', [2025, 7, 23, 17, 21]],
    ['23 de agosto de 2025', [2025, 7, 23, 0, 0]],
    ['입력 2025.08.23 오후 5:21', [2025, 7, 23, 17, 21]],
    ['2025年8月23日 17時21分', [2025, 7, 23, 17, 21]],
    ['23 августа 2025', [2025, 7, 23, 0, 0]],
  ])('reads the date line “%s”', (line, [y, mo, d, h, mi]) => {
    const article = importPlainText(`Headline here\nBy Jane Doe\n${line}\n\n${body}`);
    expect(article.published).toBe(new Date(y ?? 0, mo ?? 0, d ?? 0, h, mi).getTime());
    expect(article.byline).toBe('Jane Doe');
    expect(paragraphsOf(article.contentHtml)).toEqual([body]);
  });

  it('honours a zone written in the date line', () => {
    const article = importPlainText(`Headline\n2025-08-23T17:21:00+09:00\n\n${body}`);
    expect(article.published).toBe(Date.UTC(2025, 7, 23, 8, 21));
    const named = importPlainText(`Headline\n23 Aug 2025 17:21 GMT\n\n${body}`);
    expect(named.published).toBe(Date.UTC(2025, 7, 23, 17, 21));
  });

  it('prefers the publication date to the update date', () => {
    const article = importPlainText(
      `Headline\nUpdated: 24 Aug 2025 09:00\nPublished: 23 Aug 2025 17:21\n\n${body}`,
    );
    expect(article.published).toBe(new Date(2025, 7, 23, 17, 21).getTime());
  });

  it('reads relative dates against `now`', () => {
    const now = Date.UTC(2025, 7, 23, 12, 0);
    expect(importPlainText(`Headline\n3 hours ago\n\n${body}`, { now }).published).toBe(
      now - 3 * 3600_000,
    );
  });

  it('reads byline and date from one line', () => {
    const article = importPlainText(
      `World\nHeadline for today\nBy Jane Doe and John Roe | 23 Aug 2025\n\n${body}`,
    );
    expect(article.byline).toBe('Jane Doe and John Roe');
    expect(article.published).toBe(new Date(2025, 7, 23).getTime());
    expect(article.section).toBe('World');
  });

  it('does not take a sentence starting with “By” for a byline', () => {
    const lead = 'By the time the council met, the bridge had already been closed for a week.';
    const article = importPlainText(`Headline\n\n${lead}\n\n${body}`);
    expect(article.byline).toBeUndefined();
    expect(paragraphsOf(article.contentHtml)[0]).toBe(lead);
  });

  it('names the section from a breadcrumb', () => {
    const article = importPlainText(`Home › World › Asia\nHeadline for today\n\n${body}`);
    expect(article.section).toBe('World');
    expect(article.title).toBe('Headline for today');
  });

  it('takes the last short line before the text as title, the one above as section', () => {
    const article = importPlainText(`News\nAsia\nBridge shut\n\n${body}`);
    expect(article.title).toBe('Bridge shut');
    expect(article.section).toBe('Asia');
    expect(paragraphsOf(article.contentHtml)).toEqual([body]);
  });

  it('reads a text of short lines as text, its first line as title', () => {
    const article = importPlainText('Shopping\nMilk\nFresh eggs\nBread\nButter');
    expect(article.title).toBe('Shopping');
    expect(article.section).toBeUndefined();
    expect(article.textContent).toBe('Milk Fresh eggs Bread Butter');
  });

  it('drops page chrome lines anywhere', () => {
    const text = [
      'Skip to content',
      'Menu',
      'Politics',
      'Headline for today',
      'Share',
      'By Jane Doe',
      '',
      body,
      '',
      'Advertisement',
      '',
      'Facebook Twitter WhatsApp Email',
      '',
      second,
      '',
      'Read more: Another story about bridges',
      'Subscribe',
      '© 2025 The Daily Example. All rights reserved.',
      'Chartbeat',
    ].join('\n');
    const article = importPlainText(text);
    expect(article.title).toBe('Headline for today');
    expect(article.section).toBe('Politics');
    expect(article.byline).toBe('Jane Doe');
    expect(paragraphsOf(article.contentHtml)).toEqual([body, second]);
  });

  it('joins hard-wrapped lines and keeps one-paragraph-per-line text apart', () => {
    const wrapped = importPlainText(
      'Headline\n\nThe council voted on Tuesday to close the old bridge\nfor repairs, officials said on Wednesday.\n',
    );
    expect(paragraphsOf(wrapped.contentHtml)).toEqual([
      'The council voted on Tuesday to close the old bridge for repairs, officials said on Wednesday.',
    ]);
    const perLine = importPlainText(`Headline\n${body}\n${body.replace('Tuesday', 'Friday')}`);
    expect(paragraphsOf(perLine.contentHtml)).toHaveLength(2);
  });

  it('keeps bulleted lines as a list', () => {
    const article = importPlainText(`Headline\n\n${body}\n\n- one thing\n- another thing\n`);
    expect(article.contentHtml).toContain('<ul><li>one thing</li><li>another thing</li></ul>');
  });

  it('escapes markup in the text', () => {
    const article = importPlainText(
      `A <b>bold</b> claim\n\n${body} <script>alert(1)</script> & "quotes"`,
    );
    expect(article.title).toBe('A <b>bold</b> claim');
    expect(article.contentHtml).not.toContain('<script');
    expect(article.contentHtml).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; "quotes"');
    expect(article.textContent).toContain('<script>alert(1)</script> & "quotes"');
  });

  it('reads Korean text, with its reporter byline and date line', () => {
    const text = [
      '국제',
      '',
      '이재명 대통령, 트럼프 회담 앞두고 도쿄서 한일 정상회담',
      '',
      '홍길동 기자',
      '입력 2025.08.23 17:21',
      '',
      '이재명 대통령은 23일 일본 도쿄에서 이시바 시게루 총리와 첫 정상회담을 가졌다. 양국 정상은 미국과의 협력을 바탕으로 공동의 과제에 대응하기로 했다.',
      '',
      '이번 방일은 워싱턴 방문에 앞서 이뤄져 주목을 받았다.',
    ].join('\n');
    const article = importPlainText(text);
    expect(article.section).toBe('국제');
    expect(article.title).toBe('이재명 대통령, 트럼프 회담 앞두고 도쿄서 한일 정상회담');
    expect(article.byline).toBe('홍길동');
    expect(article.published).toBe(new Date(2025, 7, 23, 17, 21).getTime());
    expect(article.lang).toBe('ko');
    expect(paragraphsOf(article.contentHtml)).toHaveLength(2);
    expect(article.wordCount).toBeGreaterThan(10);
  });

  it('marks right-to-left text', () => {
    const article = importPlainText(
      'عنوان الخبر\n\nعقد الرئيس الكوري الجنوبي أول قمة كاملة مع رئيس الوزراء الياباني في طوكيو.',
    );
    expect(article.dir).toBe('rtl');
    expect(article.title).toBe('عنوان الخبر');
  });

  it('refuses text with nothing in it', () => {
    expect(() =>
      importPlainText('\uFEFF\r\n  \t\r\nAdvertisement\r\n', { fileName: 'x.txt' }),
    ).toThrow(AppError);
    expect(() => importPlainText('', { fileName: 'x.txt' })).toThrow('“x.txt” has no article text');
  });
});

describe('importPlainText on hostile files', () => {
  // Generous: a synchronous run that blocks for longer still fails the test when it returns.
  const LIMIT_MS = 15_000;

  it(
    'reads a line of 100,000 dots between two letters',
    () => {
      // Trimming it as page chrome was quadratic in its length.
      const line = `a${'.'.repeat(100_000)}b`;
      const article = importPlainText(
        `The importer reads hostile files\n\nA first paragraph of text.\n\n${line}`,
      );
      expect(article.textContent.split('\n\n')).toEqual(['A first paragraph of text.', line]);
    },
    LIMIT_MS,
  );

  it('reads at most 100 lines as header, the rest as text', () => {
    const dates = Array.from({ length: 150 }, () => '23 August 2025');
    const article = importPlainText(`Headline\n\n${dates.join('\n\n')}`, {
      now: Date.UTC(2026, 0),
    });
    expect(article.title).toBe('Headline');
    expect(article.published).toBe(new Date(2025, 7, 23).getTime());
    expect(article.textContent.split('\n\n')).toHaveLength(150 - 99);
  });
});
