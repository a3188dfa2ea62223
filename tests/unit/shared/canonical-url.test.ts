import { describe, expect, it } from 'vitest';
import { canonicalUrl } from '@shared/canonical-url';

describe('canonicalUrl', () => {
  it('makes the links a feed, a newsletter and a share button give for one page equal', () => {
    const page = 'https://example.com/world/2025/08/23/lee-tokyo';
    for (const link of [
      page,
      'http://example.com/world/2025/08/23/lee-tokyo',
      'https://WWW.Example.COM/world/2025/08/23/lee-tokyo/',
      'https://example.com:443/world/2025/08/23/lee-tokyo#comments',
      'https://example.com/world/2025/08/23/lee-tokyo?utm_source=rss&utm_medium=feed',
      'https://example.com/world/2025/08/23/lee-tokyo?fbclid=IwAR0abc&mc_eid=12',
      'https://example.com/world/2025/08/23/lee-tokyo/amp',
      'https://example.com/world/2025/08/23/lee-tokyo?amp=1',
      'https://example.com/world/2025/08/23/lee-tokyo?outputType=amp',
      'https://example-com.cdn.ampproject.org/c/s/example.com/world/2025/08/23/lee-tokyo',
      '  https://example.com/world/2025/08/23/lee-tokyo  ',
    ]) {
      expect(canonicalUrl(link), link).toBe(page);
    }
  });

  it('keeps what tells pages apart: the path’s case, other parameters (in one order), ports', () => {
    expect(canonicalUrl('https://example.com/Story')).not.toBe(
      canonicalUrl('https://example.com/story'),
    );
    expect(canonicalUrl('https://example.com/read?id=2&page=1&utm_campaign=x')).toBe(
      'https://example.com/read?id=2&page=1',
    );
    expect(canonicalUrl('https://example.com/read?page=1&id=2')).toBe(
      canonicalUrl('https://example.com/read?id=2&page=1'),
    );
    expect(canonicalUrl('https://example.com/read?id=3')).not.toBe(
      canonicalUrl('https://example.com/read?id=2'),
    );
    expect(canonicalUrl('https://example.com:8080/a')).toBe('https://example.com:8080/a');
  });

  it('keeps a mobile host apart (some sites serve another page there)', () => {
    expect(canonicalUrl('https://m.example.com/a')).toBe('https://m.example.com/a');
  });

  it('keeps an amp parameter that carries a value of its own', () => {
    expect(canonicalUrl('https://example.com/a?amp=page2')).toBe('https://example.com/a?amp=page2');
  });

  it('is undefined for what is not a web address', () => {
    for (const value of [
      undefined,
      null,
      '',
      'not a url',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'mailto:a@b.c',
    ]) {
      expect(canonicalUrl(value)).toBeUndefined();
    }
  });
});
