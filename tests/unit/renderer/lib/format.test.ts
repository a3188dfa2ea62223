import { describe, expect, it } from 'vitest';
import { textExcerpt } from '@renderer/lib/format';

describe('textExcerpt', () => {
  it('reads block elements as separate words and collapses whitespace', () => {
    expect(
      textExcerpt('<ul><li>Latest deals</li><li>Manchester City</li></ul><p>Next\n\n line</p>'),
    ).toBe('Latest deals Manchester City Next line');
  });

  it('cuts long text at the limit with an ellipsis', () => {
    const excerpt = textExcerpt(`<p>${'word '.repeat(100)}</p>`, 20);
    expect(excerpt.length).toBeLessThanOrEqual(20);
    expect(excerpt.endsWith('…')).toBe(true);
  });

  it('never runs what it parses', () => {
    (globalThis as { pwned?: number }).pwned = 0;
    textExcerpt('<img src=x onerror="globalThis.pwned=1"><script>globalThis.pwned=1</script>text');
    expect((globalThis as { pwned?: number }).pwned).toBe(0);
  });
});
