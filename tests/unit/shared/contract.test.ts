import { describe, expect, it } from 'vitest';
import { EVENT_NAMES, METHOD_NAMES, methodParams } from '@shared/contract';
import { contentSecurityPolicy } from '@shared/content-security-policy';

describe('contract', () => {
  it('declares a validator for exactly the listed method names', () => {
    expect(Object.keys(methodParams).sort()).toEqual([...METHOD_NAMES].sort());
    expect(EVENT_NAMES).toContain('app.ready');
  });

  it('accepts an http(s) feed URL with conditional-GET state', () => {
    const parsed = methodParams['feeds.fetch'].safeParse({
      url: 'https://example.com/feed.xml',
      etag: '"abc"',
      lastModified: 'Wed, 03 Sep 2025 09:30:00 GMT',
    });
    expect(parsed.success).toBe(true);
  });

  it.each([
    ['javascript:alert(1)'],
    ['file:///etc/passwd'],
    ['not a url'],
    [''],
    [`https://example.com/${'a'.repeat(5000)}`],
  ])('refuses %s as a feed URL', (url) => {
    expect(methodParams['feeds.fetch'].safeParse({ url }).success).toBe(false);
  });

  it('refuses unexpected keys, so a payload cannot smuggle fields past validation', () => {
    const parsed = methodParams['feeds.fetch'].safeParse({ url: 'https://e.com/', extra: 1 });
    expect(parsed.success).toBe(false);
  });
});

describe('content security policy', () => {
  it('allows no inline or remote script and no framing', () => {
    const policy = contentSecurityPolicy({ frameAncestors: true });
    const directives = Object.fromEntries(
      policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]),
    );
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['img-src']).toEqual(["'self'", 'data:', 'blob:']);
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).not.toContain('unsafe-inline');
  });

  it('relaxes script rules only for the development server', () => {
    expect(contentSecurityPolicy({ allowDevServer: true })).toContain(
      "script-src 'self' 'unsafe-inline'",
    );
    expect(contentSecurityPolicy()).not.toContain('frame-ancestors');
  });
});
