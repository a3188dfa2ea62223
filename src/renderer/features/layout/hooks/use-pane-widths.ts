import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useState } from 'react';
import {
  DEFAULT_PANE_WIDTHS,
  getSetting,
  putSetting,
  type PaneWidths,
} from '../../../db/settings-repository';

export { DEFAULT_PANE_WIDTHS, type PaneWidths };

/** How narrow or wide each pane may be made, in CSS pixels. */
export const PANE_LIMITS = {
  sidebar: { min: 180, max: 420 },
  list: { min: 260, max: 640 },
} as const;

/** The reader always keeps at least this much room beside the other panes. */
export const READER_MIN = 360;

/**
 * The panes' widths: the stored ones, or the one being dragged. Dragging repaints from memory
 * and writes the settings row once, when it ends.
 */
export function usePaneWidths() {
  const stored = useLiveQuery(() => getSetting('paneWidths'), []);
  const [draft, setDraft] = useState<PaneWidths>();
  const commit = useCallback((next: PaneWidths) => {
    setDraft(next);
    void putSetting('paneWidths', next);
  }, []);
  return {
    widths: draft ?? stored ?? DEFAULT_PANE_WIDTHS,
    preview: setDraft,
    commit,
  };
}

const clamp = (value: number, min: number, max: number): number =>
  Math.round(Math.min(Math.max(value, min), Math.max(min, max)));

/**
 * The widths the panes get in a window this wide, each within its limits and leaving the reader
 * its room, with the largest width each may take right now.
 */
export function fitPanes(widths: PaneWidths, windowWidth: number) {
  const room = windowWidth - READER_MIN;
  const sidebarMax = Math.max(
    PANE_LIMITS.sidebar.min,
    Math.min(PANE_LIMITS.sidebar.max, room - PANE_LIMITS.list.min),
  );
  const sidebar = clamp(widths.sidebar, PANE_LIMITS.sidebar.min, sidebarMax);
  const listMax = Math.max(PANE_LIMITS.list.min, Math.min(PANE_LIMITS.list.max, room - sidebar));
  const list = clamp(widths.list, PANE_LIMITS.list.min, listMax);
  return { sidebar, list, sidebarMax, listMax };
}
