import { describe, expect, it } from 'vitest';
import { apiLocations } from '@main/accounts/api-location';

describe('where the Reader API may live', () => {
  it('FreshRSS: the API under the web root, or under p/ of a default install', () => {
    expect(apiLocations('freshrss', 'https://rss.example.org')).toEqual([
      'https://rss.example.org/api/greader.php',
      'https://rss.example.org/p/api/greader.php',
    ]);
    expect(apiLocations('freshrss', 'https://example.org/freshrss/')).toEqual([
      'https://example.org/freshrss/api/greader.php',
      'https://example.org/freshrss/p/api/greader.php',
    ]);
  });

  it('takes an API address pasted from the settings page as it is', () => {
    for (const service of ['freshrss', 'miniflux', 'greader'] as const) {
      expect(apiLocations(service, 'https://example.org/p/api/greader.php')).toEqual([
        'https://example.org/p/api/greader.php',
      ]);
    }
    expect(apiLocations('freshrss', 'https://example.org/api/greader.php/reader/api/0')).toEqual([
      'https://example.org/api/greader.php',
    ]);
    expect(apiLocations('freshrss', 'https://example.org/api')).toEqual([
      'https://example.org/api/greader.php',
    ]);
  });

  it('Miniflux and others: the root (or base path), with pasted API routes cut back', () => {
    expect(apiLocations('miniflux', 'https://flux.example.org/')).toEqual([
      'https://flux.example.org',
    ]);
    expect(apiLocations('miniflux', 'https://example.org/miniflux/reader/api/0/')).toEqual([
      'https://example.org/miniflux',
    ]);
    expect(apiLocations('greader', 'https://theoldreader.com/accounts/ClientLogin?x=1#y')).toEqual([
      'https://theoldreader.com',
      'https://theoldreader.com/api/greader.php',
      'https://theoldreader.com/p/api/greader.php',
    ]);
  });
});
