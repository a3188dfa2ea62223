import { useSyncExternalStore } from 'react';
import type { DesktopCapabilities } from '@shared/desktop-model';

/*
 * What the host said it can do when the renderer last handed it the reader's desktop choices
 * (pipeline/desktop-preferences.ts). Kept here, outside any feature, so every settings section
 * (badge, tray, updates, notifications) shows only the options that apply on this computer.
 */

let current: DesktopCapabilities | undefined;
const listeners = new Set<() => void>();

/** Undefined until the host has answered once. */
export function desktopCapabilities(): DesktopCapabilities | undefined {
  return current;
}

export function setDesktopCapabilities(next: DesktopCapabilities): void {
  if (current && JSON.stringify(current) === JSON.stringify(next)) return;
  current = next;
  for (const listener of listeners) listener();
}

/** Called after every change; returns the unsubscribe. */
export function onDesktopCapabilities(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The host's capabilities for a component; undefined until it has answered. */
export function useDesktopCapabilities(): DesktopCapabilities | undefined {
  return useSyncExternalStore(onDesktopCapabilities, desktopCapabilities);
}
