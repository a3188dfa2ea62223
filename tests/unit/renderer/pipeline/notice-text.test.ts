import { afterEach, describe, expect, it } from 'vitest';
import type { ArrivalNotice } from '@renderer/db/arrival-notices';
import { switchLocale } from '@renderer/i18n/current-locale';
import { distinctNotices, noticeText } from '@renderer/pipeline/notice-text';

const notice = (
  articleId: string,
  publishedAt: number,
  extra: Partial<ArrivalNotice> = {},
): ArrivalNotice => ({
  articleId,
  feedId: 'f1',
  feedTitle: 'The Verge',
  title: `Title ${articleId}`,
  publishedAt,
  ...extra,
});

describe('the words of a refresh notification', () => {
  it('names a single article: its feed, its title, and opens it', () => {
    expect(noticeText([notice('a', 1)])).toEqual({
      title: 'The Verge',
      body: 'Title a',
      articleId: 'a',
    });
  });

  it('counts several from one feed, lists the newest titles and opens the newest', () => {
    const notices = [1, 5, 3, 2, 4].map((n) => notice(`a${n}`, n));
    expect(noticeText(notices)).toEqual({
      title: '5 new articles from The Verge',
      body: 'Title a5\nTitle a4\nTitle a3\nand 2 more',
      articleId: 'a5',
    });
  });

  it('counts several feeds and names them with their counts, the busiest first', () => {
    const other = { feedId: 'f2', feedTitle: 'Ars' };
    const third = { feedId: 'f3', feedTitle: 'Wired' };
    const request = noticeText([
      notice('a', 1),
      notice('b', 2),
      notice('c', 9, other),
      notice('d', 3, third),
    ]);
    expect(request).toEqual({
      title: '4 new articles from 3 feeds',
      body: 'The Verge (2)\nArs (1)\nWired (1)',
      articleId: 'c',
    });
  });

  it('counts copies of one story once, keeping the newest', () => {
    const copies = [
      notice('a', 1, { storyId: 's' }),
      notice('b', 2, { storyId: 's', feedId: 'f2', feedTitle: 'Ars' }),
    ];
    expect(distinctNotices(copies).map((n) => n.articleId)).toEqual(['b']);
    expect(noticeText(copies)).toEqual({ title: 'Ars', body: 'Title b', articleId: 'b' });
  });

  it('says nothing about nothing', () => {
    expect(noticeText([])).toBeUndefined();
  });

  it('stays inside the contract: long titles clipped, blank ones named, whitespace flattened', () => {
    const long = 'x'.repeat(5000);
    const one = noticeText([notice('a', 1, { feedTitle: long, title: ' \n ' })])!;
    expect(one.title.length).toBeLessThanOrEqual(300);
    expect(one.title.endsWith('…')).toBe(true);
    expect(one.body).toBe('Untitled article');
    const many = noticeText([
      notice('a', 1, { title: long }),
      notice('b', 2, { title: 'Two\nlines' }),
    ])!;
    expect(many.body.length).toBeLessThanOrEqual(1000);
    expect(many.body.split('\n')[0]).toBe('Two lines');
  });

  describe('in the interface language', () => {
    afterEach(() => switchLocale('en'));

    it('says "1 more" and "1,497 more" with the count in its plural and in English digits', () => {
      const four = [1, 2, 3, 4].map((n) => notice(`a${n}`, n));
      expect(noticeText(four)!.body.split('\n').at(-1)).toBe('and 1 more');
      const many = Array.from({ length: 1500 }, (_, n) => notice(`a${n}`, n));
      expect(noticeText(many)!.title).toBe('1,500 new articles from The Verge');
      expect(noticeText(many)!.body.split('\n').at(-1)).toBe('and 1,497 more');
    });

    it('is worded in the language switched to, numbers included', async () => {
      const many = Array.from({ length: 1500 }, (_, n) =>
        notice(`a${n}`, n, n % 2 ? { feedId: 'f2', feedTitle: 'Ars' } : {}),
      );
      // German words, German numbers.
      await switchLocale('de');
      const german = noticeText(many)!.title;
      expect(german).toContain('1.500');
      expect(german).not.toContain('new articles');
      await switchLocale('en-XA');
      const pseudo = noticeText(many)!;
      expect(pseudo.title).not.toContain('new articles');
      expect(pseudo.title).toContain('1,500');
      expect(pseudo.title).toContain('ñéŵ');
      expect(noticeText([notice('a', 1, { title: '' })])!.body).not.toBe('Untitled article');
    });
  });
});
