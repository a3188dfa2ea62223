import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { createDesktopWords } from '@main/desktop/desktop-words';
import { createTrayIcon } from '@main/shell/tray';

function setUp(platform: NodeJS.Platform, words = createDesktopWords(['en-US'])) {
  const done: string[] = [];
  const trays: {
    toolTip?: string;
    menu?: MenuItemConstructorOptions[] | null;
    click?: () => void;
    destroyed: boolean;
  }[] = [];
  const icon = createTrayIcon<MenuItemConstructorOptions[]>({
    createTray: () => {
      const tray = { destroyed: false } as (typeof trays)[number];
      trays.push(tray);
      return {
        setToolTip: (text) => (tray.toolTip = text),
        setContextMenu: (menu) => (tray.menu = menu),
        on: (_event, listener) => (tray.click = listener),
        destroy: () => (tray.destroyed = true),
      };
    },
    buildMenu: (template) => template,
    platform,
    actions: {
      open: () => done.push('open'),
      refresh: () => done.push('refresh'),
      quit: () => done.push('quit'),
    },
    words,
  });
  return { icon, trays, done };
}

const labels = (menu: MenuItemConstructorOptions[] | null | undefined) =>
  (menu ?? []).map((item) => item.label ?? item.type);

describe('the tray icon', () => {
  it('renames its menu and tooltip when the interface language changes', () => {
    const words = createDesktopWords(['en-US']);
    const { icon, trays } = setUp('linux', words);
    icon.setShown(true);
    icon.setCount(2);
    expect(labels(trays[0]!.menu)[2]).toBe('Open Broadsheet');
    words.set('ko');
    expect(trays[0]!.toolTip).toBe('Broadsheet: 읽지 않은 기사 2개');
    expect(labels(trays[0]!.menu)).toEqual([
      '읽지 않은 기사 2개',
      'separator',
      'Broadsheet 열기',
      '새로 고침',
      'separator',
      'Broadsheet 종료',
    ]);
  });

  it('appears when asked, with the count in its tooltip and menu, and goes when asked', () => {
    const { icon, trays, done } = setUp('linux');
    icon.setCount(5);
    expect(trays).toHaveLength(0);
    icon.setShown(true);
    expect(icon.isShown()).toBe(true);
    expect(trays[0]!.toolTip).toBe('Broadsheet: 5 unread articles');
    expect(labels(trays[0]!.menu)).toEqual([
      '5 unread articles',
      'separator',
      'Open Broadsheet',
      'Refresh',
      'separator',
      'Quit Broadsheet',
    ]);
    expect(trays[0]!.menu![0]!.enabled).toBe(false);
    // Linux indicators take a changed menu only through setContextMenu: a new count sets it.
    icon.setCount(1);
    expect(labels(trays[0]!.menu)[0]).toBe('1 unread article');

    const click = (label: string) =>
      (trays[0]!.menu!.find((item) => item.label === label)!.click as () => void)();
    click('Refresh');
    click('Open Broadsheet');
    click('Quit Broadsheet');
    expect(done).toEqual(['refresh', 'open', 'quit']);
    // No click handler on Linux: app indicators ignore clicks on the icon.
    expect(trays[0]!.click).toBeUndefined();

    icon.setShown(false);
    expect(trays[0]!.destroyed).toBe(true);
    expect(icon.isShown()).toBe(false);
  });

  it('opens the window on a click on Windows', () => {
    const { icon, trays, done } = setUp('win32');
    icon.setShown(true);
    trays[0]!.click!();
    expect(done).toEqual(['open']);
  });
});
