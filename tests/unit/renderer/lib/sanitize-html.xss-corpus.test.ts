// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { sanitizeForDisplay } from '@renderer/lib/sanitize-html';
import { findXssProblems, loadXssVectors } from '../../../fixtures/xss/check-sanitized';

const vectors = loadXssVectors();

// DOMParser documents have scripting disabled: parsing the output here cannot run it.
function parse(html: string): HTMLElement {
  return new DOMParser().parseFromString(`<!DOCTYPE html><body>${html}`, 'text/html').body;
}

describe('XSS corpus through the renderer sanitizer', () => {
  it.each(vectors.map((vector, i) => [i + 1, vector.name, vector.html] as const))(
    '%i %s',
    (n, _name, html) => {
      const output = sanitizeForDisplay(html);
      expect(findXssProblems(output, parse(output), n)).toEqual([]);
      expect(sanitizeForDisplay(output)).toBe(output);
    },
  );

  it('turns a web embed frame into the same link card as main', () => {
    expect(
      sanitizeForDisplay('<iframe src="https://player.vimeo.com/video/1" title="v"></iframe>'),
    ).toBe(
      '<a href="https://player.vimeo.com/video/1" target="_blank" rel="noopener noreferrer">Embedded content: player.vimeo.com</a>',
    );
  });

  it('keeps only image URLs in srcset', () => {
    expect(
      sanitizeForDisplay('<img srcset="https://e.com/a.jpg 1x, javascript:alert(1) 2x">'),
    ).toBe('<img srcset="https://e.com/a.jpg 1x">');
  });
});
