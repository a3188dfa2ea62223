import { describe, expect, it } from 'vitest';
import { createDesktopWords } from '@main/desktop/desktop-words';
import { trayMenu, trayToolTip } from '@main/desktop/tray-menu';

const english = createDesktopWords(['en-GB']).say;

describe('the tray', () => {
  it('says the unread count in words', () => {
    expect(trayToolTip(undefined, english)).toBe('Broadsheet');
    expect(trayToolTip(0, english)).toBe('Broadsheet: No unread articles');
    expect(trayToolTip(1, english)).toBe('Broadsheet: 1 unread article');
    expect(trayToolTip(12, english)).toBe('Broadsheet: 12 unread articles');
    expect(trayMenu(0, english)[0]).toEqual({ kind: 'label', label: 'No unread articles' });
    expect(trayMenu(1_234, english)[0]).toEqual({ kind: 'label', label: '1,234 unread articles' });
  });

  it('puts the count first in its menu (Linux panels show no tooltip), then Open, Refresh, Quit', () => {
    expect(trayMenu(3, english)).toEqual([
      { kind: 'label', label: '3 unread articles' },
      { kind: 'separator' },
      { kind: 'action', action: 'open', label: 'Open Broadsheet' },
      { kind: 'action', action: 'refresh', label: 'Refresh' },
      { kind: 'separator' },
      { kind: 'action', action: 'quit', label: 'Quit Broadsheet' },
    ]);
    // Before the page has counted, no line pretends to know.
    expect(trayMenu(undefined, english).map((item) => item.kind)).toEqual([
      'action',
      'action',
      'separator',
      'action',
    ]);
  });

  it('speaks the interface language, with its plurals and number format', () => {
    const german = createDesktopWords(['de-AT']).say;
    expect(trayMenu(1_234, german).map((item) => ('label' in item ? item.label : '-'))).toEqual([
      '1.234 ungelesene Artikel',
      '-',
      'Broadsheet öffnen',
      'Aktualisieren',
      '-',
      'Broadsheet beenden',
    ]);
    const arabic = createDesktopWords(['ar-EG']).say;
    expect(trayToolTip(2, arabic)).toBe('Broadsheet: مقالتان غير مقروءتين');
    expect(trayMenu(3, arabic)[0]).toEqual({ kind: 'label', label: '3 مقالات غير مقروءة' });
  });
});
