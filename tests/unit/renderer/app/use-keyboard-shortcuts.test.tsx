import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { useKeyboardShortcuts } from '@renderer/app/use-keyboard-shortcuts';
import { switchLocale } from '@renderer/i18n/current-locale';
import { mount, type Mounted } from '../support/dom';

let backs = 0;

/** The app shell's use of the hook, reduced to the one pane move these tests look at. */
function Shell() {
  useKeyboardShortcuts({
    source: { kind: 'all' },
    articles: [],
    selectedId: undefined,
    open: () => {},
    selectSource: () => {},
    back: () => {
      backs++;
      return true;
    },
    showHelp: () => {},
    focusSearch: () => {},
    readerScroller: () => null,
    readerButton: () => null,
  });
  return null;
}

let mounted: Mounted | undefined;
afterEach(async () => {
  mounted?.unmount();
  mounted = undefined;
  backs = 0;
  await switchLocale('en');
});

/** Presses a key with Alt; whether the app took it (it then stops the browser's own use). */
function altPress(key: string): boolean {
  const event = new KeyboardEvent('keydown', { key, altKey: true, cancelable: true });
  act(() => {
    window.dispatchEvent(event);
  });
  return event.defaultPrevented;
}

describe('useKeyboardShortcuts: back when one pane shows', () => {
  it('goes back on Alt+ArrowLeft, left to right', () => {
    mounted = mount(<Shell />);
    expect(altPress('ArrowRight')).toBe(false);
    expect(backs).toBe(0);
    expect(altPress('ArrowLeft')).toBe(true);
    expect(backs).toBe(1);
  });

  it('goes back on Alt+ArrowRight in a right-to-left interface', async () => {
    await switchLocale('he');
    mounted = mount(<Shell />);
    expect(altPress('ArrowLeft')).toBe(false);
    expect(backs).toBe(0);
    expect(altPress('ArrowRight')).toBe(true);
    expect(backs).toBe(1);
  });
});
