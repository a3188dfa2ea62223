/** Window size and position, remembered across launches and kept on a visible display. */
export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

export interface WindowState extends WindowBounds {
  maximized: boolean;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_STATE: WindowState = { width: 1280, height: 820, maximized: false };
const MIN_VISIBLE = 64;

/** Parses what was saved; anything unreadable or implausible falls back to the defaults. */
export function parseWindowState(text: string | undefined): WindowState {
  if (!text) return DEFAULT_STATE;
  try {
    const raw: unknown = JSON.parse(text);
    if (typeof raw !== 'object' || raw === null) return DEFAULT_STATE;
    const { x, y, width, height, maximized } = raw as Record<string, unknown>;
    const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);
    if (!finite(width) || !finite(height) || width < 200 || height < 200) return DEFAULT_STATE;
    return {
      width: Math.round(width),
      height: Math.round(height),
      ...(finite(x) && finite(y) ? { x: Math.round(x), y: Math.round(y) } : {}),
      maximized: maximized === true,
    };
  } catch {
    return DEFAULT_STATE;
  }
}

/**
 * A saved position on a monitor that is no longer attached would open the window off-screen:
 * keep the position only if enough of the window lands on a current display's work area.
 */
export function fitToDisplays(state: WindowState, workAreas: Rect[]): WindowState {
  if (state.x === undefined || state.y === undefined) return state;
  const window: Rect = { x: state.x, y: state.y, width: state.width, height: state.height };
  const visible = workAreas.some((area) => {
    const w = Math.min(window.x + window.width, area.x + area.width) - Math.max(window.x, area.x);
    const h = Math.min(window.y + window.height, area.y + area.height) - Math.max(window.y, area.y);
    return w >= MIN_VISIBLE && h >= MIN_VISIBLE;
  });
  if (visible) return state;
  return { width: state.width, height: state.height, maximized: state.maximized };
}

export function serializeWindowState(state: WindowState): string {
  return JSON.stringify(state);
}
