import { describe, expect, it } from 'vitest';
import { updatesShown, updateStatusText } from '@renderer/features/settings/hooks/use-updates';

describe('update status text', () => {
  const now = Date.UTC(2026, 11, 6, 12);
  it('says each state in one sentence', () => {
    expect(
      updateStatusText({ state: 'none', checkedAt: now - 2 * 3600e3, manual: false }, now),
    ).toBe('Broadsheet is up to date (checked 2 hours ago).');
    expect(updateStatusText({ state: 'idle', checkedAt: now - 60e3 }, now)).toBe(
      'Up to date when last checked, 1 minute ago.',
    );
    expect(updateStatusText({ state: 'idle' }, now)).toMatch(/every 6 hours/);
    expect(updateStatusText({ state: 'ready', version: '2.0.0' }, now)).toMatch(
      /^Version 2\.0\.0 is ready\. Restart/,
    );
    expect(updateStatusText({ state: 'off' }, now)).toMatch(/never contacts/);
  });

  it('shows the section everywhere but where updates are unsupported', () => {
    expect(updatesShown(undefined)).toBe(false);
    expect(updatesShown({ state: 'unsupported', reason: 'x' })).toBe(false);
    expect(updatesShown({ state: 'off' })).toBe(true);
  });
});
