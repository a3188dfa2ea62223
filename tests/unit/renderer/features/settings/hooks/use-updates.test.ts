import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { updatesShown, updateStatusText } from '@renderer/features/settings/hooks/use-updates';
import { useT, type Translator } from '@renderer/i18n/use-t';
import { mount } from '../../../support/dom';

/** The interface's translator as a component gets it (English: no language was chosen). */
function english(): Translator {
  let t: Translator | undefined;
  const Probe = () => {
    t = useT();
    return null;
  };
  mount(createElement(Probe)).unmount();
  return t!;
}

describe('update status text', () => {
  const now = Date.UTC(2026, 11, 6, 12);
  it('says each state in one sentence', () => {
    const t = english();
    expect(
      updateStatusText({ state: 'none', checkedAt: now - 2 * 3600e3, manual: false }, t, now),
    ).toBe('Broadsheet is up to date (checked 2 hours ago).');
    expect(updateStatusText({ state: 'idle', checkedAt: now - 60e3 }, t, now)).toBe(
      'Up to date when last checked, 1 minute ago.',
    );
    expect(updateStatusText({ state: 'idle' }, t, now)).toMatch(/every 6 hours/);
    expect(updateStatusText({ state: 'ready', version: '2.0.0' }, t, now)).toMatch(
      /^Version 2\.0\.0 is ready\. Restart/,
    );
    expect(updateStatusText({ state: 'off' }, t, now)).toMatch(/never contacts/);
    expect(
      updateStatusText({ state: 'downloading', version: '2.0.0', percent: 1234 }, t, now),
    ).toBe('Downloading version 2.0.0: 1,234 %.');
  });

  it('shows the section everywhere but where updates are unsupported', () => {
    expect(updatesShown(undefined)).toBe(false);
    expect(updatesShown({ state: 'unsupported', reason: 'x' })).toBe(false);
    expect(updatesShown({ state: 'off' })).toBe(true);
  });
});
