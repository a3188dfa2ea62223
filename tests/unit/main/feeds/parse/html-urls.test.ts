/**
 * Counterexamples html-urls.fuzz.test.ts found, kept as plain tests.
 */
import { describe, expect, it } from 'vitest';
import { resolveHtmlUrls } from '@main/feeds/parse/html-urls';

const BASE = 'https://base.example/blog/';

describe('resolveHtmlUrls', () => {
  it('resolves a srcset URL with commas in it (an image CDN transform) as one URL', () => {
    expect(resolveHtmlUrls('<img srcset="/img/w_400,h_300/a.jpg 1x, b.jpg 2x">', BASE)).toBe(
      '<img srcset="https://base.example/img/w_400,h_300/a.jpg 1x, https://base.example/blog/b.jpg 2x">',
    );
  });

  it('never writes a script URL the value only became by resolving', () => {
    // The URL parser drops the tab: resolved, this was a clean javascript: URL.
    for (const html of [
      '<a href="java\tscript:alert(1)">x</a>',
      '<img src="java&#9;script:alert(1)">',
      '<img srcset="java&#10;script:alert(1) 1x, a.png 2x">',
    ]) {
      expect(resolveHtmlUrls(html, BASE)).not.toMatch(/javascript:/i);
    }
  });
});
