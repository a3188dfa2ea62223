import { describe, expect, it } from 'vitest';
import { isWebProtocol, isWebUrl, parseWebUrl, resolveWebUrl } from '@shared/web-url';

describe('web-url', () => {
  it('accepts http and https addresses and gives their normalised href', () => {
    expect(resolveWebUrl('https://Example.com/a b')).toBe('https://example.com/a%20b');
    expect(resolveWebUrl('HTTP://example.com')).toBe('http://example.com/');
    expect(parseWebUrl('https://example.com/feed?x=1')?.hostname).toBe('example.com');
    expect(isWebUrl('http://example.com/')).toBe(true);
  });

  it('refuses every other scheme', () => {
    for (const value of [
      'javascript:alert(1)',
      'data:text/html,<p>x</p>',
      'file:///etc/passwd',
      'mailto:someone@example.com',
      'ftp://example.com/',
      'feed://example.com/rss',
    ]) {
      expect(parseWebUrl(value), value).toBeUndefined();
      expect(isWebUrl(value), value).toBe(false);
    }
  });

  it('refuses junk, relative addresses without a base, and absent values', () => {
    for (const value of ['', 'not a url', '/relative/path', 'http://', null, undefined]) {
      expect(resolveWebUrl(value), String(value)).toBeUndefined();
    }
  });

  it('resolves relative addresses against a base, string or URL', () => {
    expect(resolveWebUrl('../b.png', 'https://example.com/x/y/page')).toBe(
      'https://example.com/x/b.png',
    );
    expect(resolveWebUrl('//cdn.example.net/i.png', new URL('https://example.com/'))).toBe(
      'https://cdn.example.net/i.png',
    );
    expect(resolveWebUrl('javascript:alert(1)', 'https://example.com/')).toBeUndefined();
    expect(resolveWebUrl('x', 'not a base')).toBeUndefined();
  });

  it('takes a value as a browser takes an HREF: empty is the base, ends are stripped', () => {
    expect(resolveWebUrl('', 'https://example.com/page')).toBe('https://example.com/page');
    expect(resolveWebUrl('  https://example.com/  ')).toBe('https://example.com/');
  });

  it('names the web protocols', () => {
    expect(isWebProtocol('http:')).toBe(true);
    expect(isWebProtocol('https:')).toBe(true);
    expect(isWebProtocol('file:')).toBe(false);
    expect(isWebProtocol('https')).toBe(false);
  });
});
