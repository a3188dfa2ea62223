import { describe, expect, it } from 'vitest';
import { createPreferencesStore } from '@main/desktop/preferences-store';
import { DEFAULT_DESKTOP_PREFERENCES } from '@shared/desktop-model';

describe('preferences store', () => {
  it('knows nothing until the renderer has said, then tells each change once', () => {
    const store = createPreferencesStore();
    const seen: unknown[] = [];
    store.subscribe((next, previous) => seen.push([next.updates, previous?.updates]));
    expect(store.current()).toBeUndefined();
    store.set(DEFAULT_DESKTOP_PREFERENCES);
    store.set({ ...DEFAULT_DESKTOP_PREFERENCES });
    store.set({ ...DEFAULT_DESKTOP_PREFERENCES, updates: 'off' });
    expect(seen).toEqual([
      ['auto', undefined],
      ['off', 'auto'],
    ]);
    expect(store.current()?.updates).toBe('off');
  });

  it('keeps its own copy, so a caller changing its object changes nothing', () => {
    const store = createPreferencesStore();
    const mine = { ...DEFAULT_DESKTOP_PREFERENCES };
    store.set(mine);
    mine.tray = true;
    expect(store.current()?.tray).toBe(false);
  });
});
