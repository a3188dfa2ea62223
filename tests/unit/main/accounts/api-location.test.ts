import { describe, expect, it } from 'vitest';
import { apiCandidates, isFreshRssApiUrl, normalizeServerUrl } from '@main/accounts/api-location';
import { detectService } from '@main/accounts/find-api';

describe('apiCandidates', () => {
  it('FreshRSS: its API under the web root, or under /p/ in a whole-repository install', () => {
    const expected = [
      'https://rss.example.org/api/greader.php',
      'https://rss.example.org/p/api/greader.php',
    ];
    for (const typed of [
      'https://rss.example.org',
      'https://rss.example.org/',
      'rss.example.org',
      '  https://rss.example.org/i/?rid=12#top ',
      'https://rss.example.org/reader/api/0/',
    ]) {
      expect(apiCandidates(typed, 'freshrss')).toEqual(expected);
    }
    expect(apiCandidates('https://example.org/freshrss/', 'freshrss')).toEqual([
      'https://example.org/freshrss/api/greader.php',
      'https://example.org/freshrss/p/api/greader.php',
    ]);
  });

  it('takes a typed greader.php address as it is, whatever follows it', () => {
    for (const service of ['freshrss', 'miniflux', 'greader'] as const) {
      expect(
        apiCandidates('https://h.example/p/api/greader.php/reader/api/0/token', service),
      ).toEqual(['https://h.example/p/api/greader.php']);
    }
  });

  it('Miniflux: the root or base path, without pasted API paths', () => {
    expect(apiCandidates('https://mf.example.com/', 'miniflux')).toEqual([
      'https://mf.example.com',
    ]);
    expect(apiCandidates('https://example.com/miniflux/reader/api/0', 'miniflux')).toEqual([
      'https://example.com/miniflux',
    ]);
    expect(apiCandidates('http://mf.example.com/accounts/ClientLogin', 'miniflux')).toEqual([
      'http://mf.example.com',
    ]);
  });

  it('other servers: as typed first, then where FreshRSS would be', () => {
    expect(apiCandidates('https://theoldreader.com', 'greader')).toEqual([
      'https://theoldreader.com',
      'https://theoldreader.com/api/greader.php',
      'https://theoldreader.com/p/api/greader.php',
    ]);
    expect(apiCandidates('http://127.0.0.1:8181/i/', 'greader')).toEqual([
      'http://127.0.0.1:8181/i',
      'http://127.0.0.1:8181/api/greader.php',
      'http://127.0.0.1:8181/p/api/greader.php',
    ]);
  });

  it('refuses what is not a server address', () => {
    for (const typed of ['', '   ', 'ftp://example.org', 'http://', 'https://exa mple.org']) {
      expect(() => apiCandidates(typed, 'greader')).toThrow(/is not a server address/);
    }
  });

  it('normalizes the address an account keeps', () => {
    expect(normalizeServerUrl(' rss.example.org/freshrss/?x=1 ')).toBe(
      'https://rss.example.org/freshrss',
    );
    expect(normalizeServerUrl('http://user:pw@h.example:8080/')).toBe('http://h.example:8080');
  });
});

describe('detectService', () => {
  it('tells FreshRSS by its API path and Miniflux by its user information', () => {
    expect(isFreshRssApiUrl('https://h/api/greader.php/')).toBe(true);
    expect(detectService('https://h/api/greader.php', { userId: 'alice', userName: 'alice' })).toBe(
      'freshrss',
    );
    expect(detectService('https://h', { userId: '1', userName: 'alice', userEmail: 'alice' })).toBe(
      'miniflux',
    );
    expect(
      detectService('https://h', {
        userId: '1005921515',
        userName: 'Alice',
        userEmail: 'alice@example.com',
      }),
    ).toBe('greader');
  });
});
