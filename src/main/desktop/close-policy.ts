/*
 * What closing the window means. Broadsheet's library lives in the renderer (IndexedDB): main
 * only fetches, and the page stores what it fetched. So "keep refreshing in the background"
 * means keeping the page alive with its window hidden, never closing it.
 */

export interface CloseInput {
  platform: NodeJS.Platform;
  /** A real quit is under way (the menu's Quit, the tray's Quit, an update, logging out). */
  quitting: boolean;
  /** The tray icon is on show, so the reader can bring the window back from it. */
  trayShown: boolean;
}

/**
 * 'hide' keeps the page (and its refreshes) alive: always on macOS, where closing the last
 * window leaves the app in the dock, and on Windows and Linux while the tray icon is there to
 * reopen it. Otherwise the window closes, and with it the app.
 */
export function closeAction(input: CloseInput): 'hide' | 'close' {
  if (input.quitting) return 'close';
  if (input.platform === 'darwin') return 'hide';
  return input.trayShown ? 'hide' : 'close';
}
