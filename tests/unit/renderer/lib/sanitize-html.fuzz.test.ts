/**
 * The renderer's DOMPurify pass under fuzzing, on its own: it is the last line before the DOM,
 * so it must hold even for HTML that never went through main (an older library, a bug there).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sanitizeForDisplay } from '@renderer/lib/sanitize-html';
import { anyHostileHtml } from '../../../fixtures/xss/hostile-html';
import { findUnsafeConstructs, parseBody } from '../../../fixtures/xss/unsafe-constructs';
import { fuzz, fuzzTimeoutMs } from '../../fuzz';

const TARGET = 'renderer/lib/sanitize-html';

describe('sanitizeForDisplay under fuzzing', () => {
  it(
    'leaves nothing script-capable in raw hostile HTML',
    { timeout: fuzzTimeoutMs() },
    async () => {
      await fuzz(
        TARGET,
        'output holds no script-capable construct',
        fc.property(anyHostileHtml, (html) => {
          expect(findUnsafeConstructs(parseBody(sanitizeForDisplay(html)))).toEqual([]);
        }),
      );
    },
  );

  it('is idempotent', { timeout: fuzzTimeoutMs() }, async () => {
    await fuzz(
      TARGET,
      'renderer(renderer(x)) == renderer(x)',
      fc.property(anyHostileHtml, (html) => {
        const once = sanitizeForDisplay(html);
        expect(sanitizeForDisplay(once)).toBe(once);
      }),
    );
  });
});

describe('sanitizeForDisplay on what fuzzing found', () => {
  it('returns the tree the page builds when a removed element held a block', () => {
    // DOMPurify alone wrote `<p>a<p>b</p></p>`: a second pass (or the page) read it otherwise.
    const shown = sanitizeForDisplay('<p>a<marquee onstart="x()"><p>b</p></marquee></p>');
    expect(shown).toBe('<p>a</p><p>b</p><p></p>');
    expect(sanitizeForDisplay(shown)).toBe(shown);
  });

  it('parses as the standards-mode page does, not in quirks mode', () => {
    // In quirks mode a <table> stays inside the <p>; the reader's page closes the <p> first.
    expect(sanitizeForDisplay('<p><a><table></table></a></p>')).toBe(
      '<p><a></a></p><table></table><p></p>',
    );
  });
});
