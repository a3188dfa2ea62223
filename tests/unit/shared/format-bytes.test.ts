import { describe, expect, it } from 'vitest';
import { formatBytes } from '@shared/format-bytes';

describe('formatBytes', () => {
  it('says a size in the largest unit it fills, with one decimal when not whole', () => {
    expect(formatBytes(100)).toBe('100 bytes');
    expect(formatBytes(512 * 1024)).toBe('512 KB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(16 * 1024 * 1024)).toBe('16 MB');
    // A browser's quota: gigabytes, not "10240.1 MB".
    expect(formatBytes(10_737_418_240 + 100 * 1024 * 1024)).toBe('10.1 GB');
  });

  it('rounds up beside a limit, so a size just over it never reads as the limit', () => {
    expect(formatBytes(20 * 1024 * 1024 + 1)).toBe('20 MB');
    expect(formatBytes(20 * 1024 * 1024 + 1, { roundUp: true })).toBe('20.1 MB');
  });
});
