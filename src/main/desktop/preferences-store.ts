import type { DesktopPreferences } from '../../shared/desktop-model';

export interface PreferencesStore {
  /** Undefined until the renderer has said: nothing acts on a preference it has not seen. */
  current(): DesktopPreferences | undefined;
  set(preferences: DesktopPreferences): void;
  /** Called with every change (not with the same value twice); returns an unsubscribe. */
  subscribe(
    listener: (preferences: DesktopPreferences, previous?: DesktopPreferences) => void,
  ): () => void;
}

/**
 * The reader's desktop choices as main last heard them. They live in the renderer's settings
 * (IndexedDB, backed up with the library); main keeps only this copy, so the updater, the tray
 * and the login item wait for the renderer's word instead of assuming a default.
 */
export function createPreferencesStore(): PreferencesStore {
  let value: DesktopPreferences | undefined;
  const listeners = new Set<(next: DesktopPreferences, previous?: DesktopPreferences) => void>();
  return {
    current: () => value,
    set(next) {
      const previous = value;
      if (previous && JSON.stringify(previous) === JSON.stringify(next)) return;
      value = { ...next };
      for (const listener of listeners) listener(value, previous);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
