import { describe, expect, it } from 'vitest';
import { trayMenu, trayToolTip, unreadPhrase } from '@main/desktop/tray-menu';

describe('the tray', () => {
  it('says the unread count in words', () => {
    expect(unreadPhrase(0)).toBe('No unread articles');
    expect(unreadPhrase(1)).toBe('1 unread article');
    expect(unreadPhrase(12)).toBe('12 unread articles');
    expect(trayToolTip(undefined)).toBe('Broadsheet');
    expect(trayToolTip(12)).toBe('Broadsheet: 12 unread articles');
  });

  it('puts the count first in its menu (Linux panels show no tooltip), then Open, Refresh, Quit', () => {
    expect(trayMenu(3)).toEqual([
      { kind: 'label', label: '3 unread articles' },
      { kind: 'separator' },
      { kind: 'action', action: 'open', label: 'Open Broadsheet' },
      { kind: 'action', action: 'refresh', label: 'Refresh' },
      { kind: 'separator' },
      { kind: 'action', action: 'quit', label: 'Quit Broadsheet' },
    ]);
    // Before the page has counted, no line pretends to know.
    expect(trayMenu(undefined).map((item) => item.kind)).toEqual([
      'action',
      'action',
      'separator',
      'action',
    ]);
  });
});
