import { describe, expect, it } from 'vitest';
import { sanitizeHtml } from '@main/html/sanitize-html';
import { sanitizeForDisplay } from '@renderer/lib/sanitize-html';

describe('sanitizeForDisplay (renderer, before the DOM)', () => {
  it('applies the same policy as main', () => {
    const clean = sanitizeForDisplay(
      '<p>Hello <img src="x" onerror="window.pwned=1"><a href="javascript:void(0)">x</a></p><script>window.pwned=1</script>',
    );
    expect(clean).toBe('<p>Hello <img><a>x</a></p>');
  });

  it('keeps src, srcset and sizes only on images, as main does', () => {
    const html =
      '<p src="https://t.example/p.gif" srcset="https://t.example/p.gif 1x" sizes="1px">a</p>' +
      '<img src="https://e.com/a.png" srcset="https://e.com/a.png 2x" sizes="10px" alt="">';
    expect(sanitizeForDisplay(html)).toBe(
      '<p>a</p><img src="https://e.com/a.png" srcset="https://e.com/a.png 2x" sizes="10px" alt="">',
    );
    expect(sanitizeForDisplay(html)).toBe(sanitizeHtml(html));
  });

  it('lets web images and blob images through, not data: documents', () => {
    expect(sanitizeForDisplay('<img src="blob:http://127.0.0.1/abc">')).toContain('src="blob:');
    expect(sanitizeForDisplay('<img src="https://e.com/a.jpg" alt="A">')).toContain(
      'src="https://e.com/a.jpg"',
    );
    expect(sanitizeForDisplay('<img src="data:image/svg+xml,<svg onload=alert(1)>">')).toBe(
      '<img>',
    );
  });
});
