import { describe, expect, it } from 'vitest';
import { linkFromArgument, MAX_LINK_CHARS, parseDeepLink } from '@main/desktop/deep-link';
import { MAX_URL_LENGTH } from '@shared/feed-limits';

/** The address a link offers, or the reason it was refused. */
function outcome(input: string): string {
  const link = parseDeepLink(input);
  if (link.kind === 'subscribe') return link.url;
  if (link.kind === 'refused') return `refused: ${link.reason}`;
  return `unexpected ${link.kind}`;
}

describe('feed: and broadsheet: links', () => {
  it('offers the feed address each form names', () => {
    // feed:// names no scheme: taken as https, like an address typed without one.
    expect(outcome('feed://example.com/rss')).toBe('https://example.com/rss');
    expect(outcome('feed://example.com:8080/rss?x=1')).toBe('https://example.com:8080/rss?x=1');
    expect(outcome('FEED://Example.COM/rss')).toBe('https://example.com/rss');
    expect(outcome('feed:https://example.com/feed.xml')).toBe('https://example.com/feed.xml');
    expect(outcome('feed:http://example.com/feed.xml')).toBe('http://example.com/feed.xml');
    expect(
      outcome('broadsheet://subscribe?url=https%3A%2F%2Fexample.com%2Ffeed%3Fa%3D1%26b%3D2'),
    ).toBe('https://example.com/feed?a=1&b=2');
    expect(outcome('broadsheet:subscribe?url=https://example.com/atom')).toBe(
      'https://example.com/atom',
    );
    // What the system may add around it (a trailing newline from a shell) is not part of it.
    expect(outcome('  feed:https://example.com/rss ')).toBe('https://example.com/rss');
  });

  it('refuses other schemes, javascript:, data: and file: included', () => {
    for (const input of [
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'https://example.com/feed',
      'mailto:a@example.com',
      'example.com/feed',
      '',
    ]) {
      expect(outcome(input)).toBe(
        'refused: Broadsheet opens only feed: and broadsheet: links and OPML files.',
      );
    }
    for (const input of [
      'feed:javascript:alert(1)',
      'feed:data:text/html,x',
      'feed:file:///etc/passwd',
      'feed:example.com/rss',
      'feed:',
      'feed:/etc/passwd',
    ]) {
      expect(outcome(input)).toBe('refused: A feed: link must hold a web address (http or https).');
    }
    for (const input of [
      'broadsheet://subscribe?url=javascript:alert(1)',
      'broadsheet://subscribe?url=file:///etc/passwd',
      'broadsheet://subscribe?url=data:,x',
      'broadsheet://subscribe?url=',
      'feed://',
    ]) {
      expect(outcome(input)).toBe('refused: The link does not hold a web address (http or https).');
    }
  });

  it('refuses links wrapped in links', () => {
    for (const input of [
      'feed:feed:https://example.com/rss',
      'feed:feed://example.com/rss',
      'feed://feed://example.com/rss',
      'feed://https://example.com/rss',
      'feed://javascript:alert(1)',
      'feed:broadsheet://subscribe?url=https://example.com/',
      'broadsheet://subscribe?url=feed://example.com/rss',
      'broadsheet://subscribe?url=feed%3Ahttps%3A%2F%2Fexample.com%2F',
      'broadsheet://subscribe?url=broadsheet://subscribe?url=https://example.com/',
    ]) {
      expect(outcome(input), input).toBe(
        'refused: The link wraps another link instead of a web address.',
      );
    }
  });

  it('asks only to subscribe, to exactly one address', () => {
    expect(outcome('broadsheet://delete?url=https://example.com/')).toBe(
      'refused: Broadsheet links can only ask to subscribe to a feed.',
    );
    expect(outcome('broadsheet://subscribe')).toBe(
      'refused: A subscribe link must name exactly one feed address.',
    );
    expect(outcome('broadsheet://subscribe?url=https://a.example/&url=https://b.example/')).toBe(
      'refused: A subscribe link must name exactly one feed address.',
    );
    expect(outcome('broadsheet://%zz')).toMatch(/^refused: /);
  });

  it('refuses a user name or password in the address', () => {
    for (const input of [
      'feed://alice:secret@example.com/rss',
      'feed:https://alice@example.com/rss',
      'broadsheet://subscribe?url=https%3A%2F%2Falice%3As%40example.com%2F',
    ]) {
      expect(outcome(input)).toBe(
        'refused: The link carries a user name or password; add that feed by hand instead.',
      );
    }
  });

  it('refuses control and invisible reordering characters anywhere', () => {
    for (const input of [
      'feed://example.com/r\u0000ss',
      'feed://exa\nmple.com/rss',
      'feed:https://example.com/\u202Essr',
      'broadsheet://subscribe?url=https%3A%2F%2Fexample.com%2F%0A',
      'broadsheet://subscribe?url=https%3A%2F%2Fexample.com%2F%E2%80%AE',
    ]) {
      expect(outcome(input), JSON.stringify(input)).toBe(
        'refused: The link holds invisible control characters.',
      );
    }
  });

  it('refuses huge inputs before reading them, and shows only their start', () => {
    // The control character at the end is never reached: the length is checked first.
    const huge = `feed://example.com/${'a'.repeat(50 * 1024 * 1024)}\u0000`;
    expect(parseDeepLink(huge)).toEqual({
      kind: 'refused',
      input: `${huge.slice(0, 199)}…`,
      reason: 'The link is too long to be a feed address.',
      text: { id: 'main.link.tooLong' },
    });
    // Under the link's cap but over an address's.
    const long = `feed://example.com/${'a'.repeat(MAX_URL_LENGTH)}`;
    expect(long.length).toBeLessThan(MAX_LINK_CHARS);
    expect(outcome(long)).toBe('refused: The feed address is too long.');
    // Exactly at the cap is still read.
    const atCap = `https://example.com/${'a'.repeat(MAX_URL_LENGTH - 'https://example.com/'.length)}`;
    expect(outcome(`feed:${atCap}`)).toBe(atCap);
  });

  it('never throws, whatever it is given', () => {
    const pieces = [
      'feed:',
      'broadsheet:',
      '//',
      'subscribe',
      '?url=',
      '%',
      '%25',
      'https:',
      '@',
      ':',
      '\u0000',
      '[',
      ']',
      '\uD800',
      '#',
      ' ',
    ];
    let seed = 17;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let i = 0; i < 2000; i++) {
      const input = Array.from({ length: random(8) }, () => pieces[random(pieces.length)]).join('');
      const link = parseDeepLink(input);
      expect(['subscribe', 'refused']).toContain(link.kind);
      if (link.kind === 'subscribe') expect(link.url).toMatch(/^https?:\/\/[^/]/);
    }
  });
});

describe('command-line entries', () => {
  it('ignores what is not ours: switches, the executable, the app path', () => {
    for (const arg of [
      '/opt/Broadsheet/broadsheet',
      'C:\\Program Files\\Broadsheet\\Broadsheet.exe',
      '.',
      '--original-process-start-time=13379999',
      '--allow-file-access-from-files',
      '--',
      '-psn_0_12345',
      'https://example.com/feed',
      'javascript:alert(1)',
      'notes.txt',
      'http://example.com/list.opml',
    ]) {
      expect(linkFromArgument(arg), arg).toBeUndefined();
    }
  });

  it('parses our links, refusing the bad ones', () => {
    expect(linkFromArgument('feed://example.com/rss')).toEqual({
      kind: 'link',
      link: { kind: 'subscribe', url: 'https://example.com/rss' },
    });
    expect(linkFromArgument('feed:javascript:alert(1)')).toMatchObject({
      kind: 'link',
      link: { kind: 'refused', input: 'feed:javascript:alert(1)' },
    });
  });

  it('names .opml files by path, by drive letter or as a local file: URL', () => {
    expect(linkFromArgument('/home/ann/Subscriptions.OPML')).toEqual({
      kind: 'opml-file',
      path: '/home/ann/Subscriptions.OPML',
    });
    expect(linkFromArgument('list.opml')).toEqual({ kind: 'opml-file', path: 'list.opml' });
    expect(linkFromArgument('C:\\Users\\ann\\list.opml')).toEqual({
      kind: 'opml-file',
      path: 'C:\\Users\\ann\\list.opml',
    });
    expect(linkFromArgument('file:///home/ann/my%20list.opml')).toEqual({
      kind: 'opml-file',
      path: '/home/ann/my list.opml',
    });
    // Another computer's file, or a name with control characters, is no file of ours.
    expect(linkFromArgument('file://server.example/share/list.opml')).toBeUndefined();
    expect(linkFromArgument('/tmp/a\nb.opml')).toBeUndefined();
  });

  it('refuses, when the reader named it on purpose, what it does not understand', () => {
    expect(linkFromArgument('javascript:alert(1)', true)).toEqual({
      kind: 'link',
      link: {
        kind: 'refused',
        input: 'javascript:alert(1)',
        reason: 'Broadsheet opens only feed: and broadsheet: links and OPML files.',
        text: { id: 'main.link.otherScheme' },
      },
    });
    expect(linkFromArgument('notes.txt', true)).toMatchObject({ link: { kind: 'refused' } });
  });
});
