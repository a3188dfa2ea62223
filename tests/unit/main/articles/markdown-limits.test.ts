import { describe, expect, it } from 'vitest';
import { htmlShape, MAX_HTML_NESTING } from '@main/articles/markdown-limits';

describe('htmlShape', () => {
  it('counts nesting inside <noscript>, which the sanitizer’s parser builds as elements', () => {
    const deep = '<div>'.repeat(MAX_HTML_NESTING + 10);
    expect(htmlShape(`<noscript>${deep}</noscript>`).depth).toBeGreaterThan(MAX_HTML_NESTING);
  });

  it('reads the content of <script> as text, as every parser does', () => {
    const deep = '<div>'.repeat(MAX_HTML_NESTING + 10);
    expect(htmlShape(`<script>${deep}</script>`).depth).toBe(1);
  });
});
