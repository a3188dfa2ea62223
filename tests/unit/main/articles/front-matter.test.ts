import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from '@main/articles/front-matter';

describe('splitFrontMatter', () => {
  it('reads YAML scalars, quotes, lists, nesting and block scalars', () => {
    const { data, body } = splitFrontMatter(
      [
        '---',
        'Title: "Lee in Tokyo: \\"a new start\\""',
        "subtitle: 'It''s a visit'",
        'date: 2025-08-23 # local time',
        'url: https://e.com/a#section',
        'tags: [world, "asia, east", politics]',
        'authors:',
        '  - Jane Doe',
        '  - "John Roe"',
        'author:',
        '  name: Jane Doe',
        '  twitter: jd',
        'summary: |',
        '  First line.',
        '  Second line.',
        'draft: false',
        '...',
        '# Body',
      ].join('\n'),
    );
    expect(data).toEqual({
      title: 'Lee in Tokyo: "a new start"',
      subtitle: "It's a visit",
      date: '2025-08-23',
      url: 'https://e.com/a#section',
      tags: ['world', 'asia, east', 'politics'],
      authors: ['Jane Doe', 'John Roe'],
      'author.name': 'Jane Doe',
      'author.twitter': 'jd',
      summary: 'First line.\nSecond line.',
      draft: 'false',
    });
    expect(body).toBe('# Body');
  });

  it('reads TOML front matter', () => {
    const { data, body } = splitFrontMatter(
      '+++\ntitle = "Hugo post"\ndate = 2025-08-23\n+++\nText',
    );
    expect(data).toEqual({ title: 'Hugo post', date: '2025-08-23' });
    expect(body).toBe('Text');
  });

  it('leaves text without front matter alone', () => {
    for (const text of [
      '# Title\n\n---\n\nText',
      'Text\n---\ntitle: no\n---',
      '---\nunclosed: yes\n',
    ]) {
      expect(splitFrontMatter(text)).toEqual({ data: {}, body: text });
    }
  });

  it('skips what it cannot read instead of failing', () => {
    const { data } = splitFrontMatter('---\n: nothing\n  stray: indent\n!!weird\ntitle: ok\n---\n');
    expect(data).toEqual({ title: 'ok' });
  });

  it('ends a value at a comment after a long run of spaces, in linear time', () => {
    // /\s+#.*$/ was tried at every space of the run: 40,000 spaces took 3 s, 200,000 a minute.
    const spaces = ' '.repeat(200_000);
    const { data } = splitFrontMatter(
      `---\ntitle: A${spaces}B${spaces}# note\nurl: https://e.com/a#b\n---\n`,
    );
    expect(data['title']).toBe(`A${spaces}B`);
    expect(data['url']).toBe('https://e.com/a#b');
  }, 15_000);
});
