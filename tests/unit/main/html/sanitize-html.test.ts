import { describe, expect, it } from 'vitest';
import { sanitizeHtml } from '@main/html/sanitize-html';

describe('sanitizeHtml (main, before storing)', () => {
  it('keeps the article text and structure', () => {
    const html =
      '<h2>Lead</h2><p>“Curly” <em>quotes</em> &amp; <a href="https://e.com/x">a link</a></p>';
    const clean = sanitizeHtml(html);
    expect(clean).toContain('<h2>Lead</h2>');
    expect(clean).toContain('“Curly” <em>quotes</em> &amp; ');
    expect(clean).toContain('href="https://e.com/x"');
  });

  it('removes scripts, handlers, frames, forms and styles', () => {
    const clean = sanitizeHtml(
      [
        '<p onclick="steal()">Text</p>',
        '<script>alert(1)</script>',
        '<img src="https://e.com/a.png" onerror="alert(1)">',
        '<iframe src="https://e.com"></iframe>',
        '<form action="https://e.com"><input name="q"></form>',
        '<style>body{display:none}</style>',
        '<div style="position:fixed;inset:0">overlay</div>',
        '<base href="https://evil.example/">',
        '<meta http-equiv="refresh" content="0;url=https://evil.example">',
        '<object data="x.swf"></object><embed src="x.swf">',
        '<svg><script>alert(1)</script></svg>',
      ].join(''),
    );
    for (const bad of [
      'onclick',
      '<script',
      'onerror',
      '<iframe',
      '<form',
      '<input',
      '<style',
      'style=',
      '<base',
      '<meta',
      '<object',
      '<embed',
      '<svg',
      'alert',
    ]) {
      expect(clean).not.toContain(bad);
    }
    expect(clean).toContain('Text');
    expect(clean).toContain('overlay');
  });

  it('drops dangerous link schemes and opens links outside without a referrer', () => {
    const clean = sanitizeHtml(
      '<a href="javascript:alert(1)">js</a><a href="data:text/html,x">data</a><a href="https://e.com/">ok</a>',
    );
    expect(clean).not.toContain('javascript:');
    expect(clean).not.toContain('data:');
    expect(clean).toContain(
      '<a href="https://e.com/" target="_blank" rel="noopener noreferrer">ok</a>',
    );
  });
});
