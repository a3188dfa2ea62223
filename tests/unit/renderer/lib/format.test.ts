import { describe, expect, it } from 'vitest';
import { relativeTime, restoreFromBackupLabel, textExcerpt } from '@renderer/lib/format';

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

describe('relativeTime', () => {
  it('speaks in the largest fitting unit', () => {
    const now = Date.UTC(2026, 0, 10);
    expect(relativeTime(now - 3 * 3600e3, now)).toBe('3 hours ago');
    expect(relativeTime(now - 2 * 24 * 3600e3, now)).toBe('2 days ago');
    expect(relativeTime(now - 10e3, now)).toBe('just now');
  });
});

describe('restoreFromBackupLabel', () => {
  it('names the backup by local date and minute, and its article count in English digits', () => {
    const at = new Date(2026, 0, 2, 3, 4, 59).getTime();
    expect(restoreFromBackupLabel({ createdAt: at, articles: 12345 })).toBe(
      'Restore from backup (2026-01-02 03:04, 12,345 articles)',
    );
    expect(restoreFromBackupLabel({ createdAt: at, articles: 1 })).toBe(
      'Restore from backup (2026-01-02 03:04, 1 article)',
    );
  });
});
