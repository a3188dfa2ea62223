import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { sanitizeHtml } from '@main/html/sanitize-html';
import { findXssProblems, loadXssVectors } from '../../../fixtures/xss/check-sanitized';

const vectors = loadXssVectors();
// Scripts stay off in this document: parsing the output must not run anything it might hold.
const { document } = new JSDOM('<!DOCTYPE html><body></body>').window;

function parse(html: string): HTMLElement {
  const body = document.createElement('body');
  body.innerHTML = html;
  return body;
}

describe('XSS corpus through the main-process sanitizer', () => {
  it('has enough vectors, uniquely named, each between its markers', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(60);
    expect(new Set(vectors.map((v) => v.name)).size).toBe(vectors.length);
    vectors.forEach((vector, i) => {
      expect(vector.html.startsWith(`<p>BEFORE-${i + 1}</p>`)).toBe(true);
      expect(vector.html.endsWith(`<p>AFTER-${i + 1}</p>`)).toBe(true);
    });
  });

  it.each(vectors.map((vector, i) => [i + 1, vector.name, vector.html] as const))(
    '%i %s',
    (n, _name, html) => {
      const output = sanitizeHtml(html);
      expect(findXssProblems(output, parse(output), n)).toEqual([]);
      // Stored output is sanitized again before display: a second pass must not change it.
      expect(sanitizeHtml(output)).toBe(output);
    },
  );
});

describe('sanitize policy details (main)', () => {
  it('turns a web embed frame into a link to it', () => {
    const output = sanitizeHtml(
      '<p>Watch:</p><iframe src="https://www.youtube.com/embed/abc?x=1" width="560"></iframe><p>End</p>',
    );
    expect(output).toBe(
      '<p>Watch:</p><a href="https://www.youtube.com/embed/abc?x=1" target="_blank" rel="noopener noreferrer">Embedded content: www.youtube.com</a><p>End</p>',
    );
  });

  it('leaves no link for frames that do not show a web page', () => {
    for (const frame of [
      '<iframe src="javascript:alert(1)"></iframe>',
      '<iframe src="data:text/html,x"></iframe>',
      '<iframe srcdoc="<p>x</p>"></iframe>',
      '<iframe src="/relative"></iframe>',
    ]) {
      expect(sanitizeHtml(`<p>a</p>${frame}`)).toBe('<p>a</p>');
    }
  });

  it('keeps only image URLs in srcset, commas inside URLs included', () => {
    expect(
      sanitizeHtml(
        '<img src="https://e.com/a.jpg" srcset="https://e.com/w_300,h_200/a.jpg 300w, javascript:alert(1) 600w, blob:http://x/1 2x">',
      ),
    ).toBe(
      '<img src="https://e.com/a.jpg" srcset="https://e.com/w_300,h_200/a.jpg 300w, blob:http://x/1 2x">',
    );
    expect(sanitizeHtml('<img srcset="data:image/png,x 1x">')).toBe('<img>');
  });

  it('keeps the harmless non-URL attributes of the allowlist', () => {
    const html =
      '<p lang="ko" dir="rtl" title="t">x</p><img src="https://e.com/a.png" width="640" height="480" alt="a"><ol start="3" type="a" reversed=""><li>i</li></ol><table><tbody><tr><td colspan="2" rowspan="1">c</td></tr></tbody></table><time datetime="2025-08-23">d</time>';
    expect(sanitizeHtml(html)).toBe(html);
  });

  it('keeps the text of raw-text elements as text', () => {
    expect(sanitizeHtml('<p>a</p><xmp><b>bold?</b></xmp><plaintext>rest <i>of it</i>')).toBe(
      '<p>a</p>&lt;b&gt;bold?&lt;/b&gt;rest &lt;i&gt;of it&lt;/i&gt;',
    );
  });
});
