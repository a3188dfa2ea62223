import { describe, expect, it } from 'vitest';
import { createDesktopWords } from '@main/desktop/desktop-words';
import { createBadge } from '@main/shell/badge';

const PNG = 'data:image/png;base64,iVBORw0KGgo=';

function setUp(kind: 'count' | 'overlay' | 'none', decodes = true) {
  const calls: unknown[][] = [];
  const counts: number[] = [];
  const window = {
    isDestroyed: () => false,
    setOverlayIcon: (image: unknown, description: string) =>
      calls.push(['overlay', image === null ? null : 'image', description]),
  };
  const badge = createBadge({
    app: { setBadgeCount: (count?: number) => (calls.push(['count', count]), true) },
    imageFromDataUrl: (url) => ({ isEmpty: () => !decodes || url !== PNG }),
    getWindow: () => window as never,
    kind,
    onCount: (count) => counts.push(count),
    say: createDesktopWords(['en-US']).say,
  });
  return { badge, calls, counts };
}

describe('the badge on the app icon', () => {
  it('sets the dock count on macOS and Linux, zero clearing it', async () => {
    const { badge, calls, counts } = setUp('count');
    await badge.handlers['desktop.badge']({ count: 12 });
    await badge.handlers['desktop.badge']({ count: 0 });
    expect(calls).toEqual([
      ['count', 12],
      ['count', 0],
    ]);
    expect(counts).toEqual([12, 0]);
  });

  it('puts the drawn overlay on the taskbar button on Windows, with the count in words', async () => {
    const { badge, calls } = setUp('overlay');
    await badge.handlers['desktop.badge']({ count: 3, overlay: PNG });
    await badge.handlers['desktop.badge']({ count: 0 });
    expect(calls).toEqual([
      ['overlay', 'image', '3 unread articles'],
      ['overlay', null, ''],
    ]);
  });

  it('shows no overlay rather than a broken one when the image does not decode', async () => {
    const { badge, calls } = setUp('overlay', false);
    await badge.handlers['desktop.badge']({ count: 3, overlay: PNG });
    expect(calls).toEqual([['overlay', null, '']]);
  });

  it('puts the last overlay on a window made later', async () => {
    const { badge, calls } = setUp('overlay');
    await badge.handlers['desktop.badge']({ count: 2, overlay: PNG });
    badge.reapply();
    expect(calls).toEqual([
      ['overlay', 'image', '2 unread articles'],
      ['overlay', 'image', '2 unread articles'],
    ]);
  });

  it('touches nothing where the system has no badge, but still tells the tray', async () => {
    const { badge, calls, counts } = setUp('none');
    await badge.handlers['desktop.badge']({ count: 4 });
    expect(calls).toEqual([]);
    expect(counts).toEqual([4]);
  });
});
