import { describe, expect, it } from 'vitest';
import { desktopCapabilities } from '@main/desktop/capabilities';

describe('desktop capabilities', () => {
  it('draws an overlay on Windows, counts on macOS and Linux, and has a tray only off macOS', () => {
    expect(desktopCapabilities('win32', true)).toMatchObject({ badge: 'overlay', tray: true });
    expect(desktopCapabilities('darwin', true)).toMatchObject({ badge: 'count', tray: false });
    expect(desktopCapabilities('linux', true)).toMatchObject({ badge: 'count', tray: true });
  });

  it('offers updates only to an installed package', () => {
    expect(desktopCapabilities('linux', false).updates).toBe(false);
    expect(desktopCapabilities('linux', true).updates).toBe(true);
    expect(desktopCapabilities('freebsd', true)).toMatchObject({ updates: false, badge: 'none' });
  });
});
