import type { DesktopSay } from './desktop-words';
import type { DesktopPreferences, UpdateStatus } from '../../shared/desktop-model';

/**
 * The updater's decisions, free of Electron: when to look for a new version, what each of
 * electron-updater's events means for the status the reader sees, and what a check the reader
 * asked for tells them. The shell (shell/updater.ts) only carries these out.
 */

/** The first automatic check waits for the app to settle: launch is for the reader's feeds. */
export const FIRST_UPDATE_CHECK_DELAY_MS = 5 * 60_000;
/** Then one check every 6 hours, the rhythm of an app left open all week. */
export const UPDATE_CHECK_INTERVAL_MS = 6 * 60 * 60_000;
/** An updater's message can be a whole stack trace; the reader gets its first line, this long. */
export const MAX_UPDATE_ERROR_CHARS = 300;

export interface ScheduleInput {
  /** Undefined until the renderer has said: nothing is checked on a choice not yet heard. */
  preferences: DesktopPreferences | undefined;
  /** An installed package on a system electron-updater serves (capabilities.ts). */
  supported: boolean;
  status: UpdateStatus;
  /** When the shell started, or when updates were last turned on. */
  startedAt: number;
  /** When the last check (automatic or asked for) began. */
  lastCheckAt?: number;
}

/** A check or a download is under way: a second one would only repeat it. */
export function updateBusy(status: UpdateStatus): boolean {
  return (
    status.state === 'checking' || status.state === 'available' || status.state === 'downloading'
  );
}

/**
 * When the next automatic check is due (ms since the epoch), or undefined when none is: updates
 * off or not yet known, no updater here, a check or download running, or an update already
 * waiting for a restart (checking again would only fetch it twice).
 */
export function nextAutomaticCheck(input: ScheduleInput): number | undefined {
  if (!input.supported || input.preferences?.updates !== 'auto') return undefined;
  if (updateBusy(input.status) || input.status.state === 'ready') return undefined;
  const first = input.startedAt + FIRST_UPDATE_CHECK_DELAY_MS;
  return input.lastCheckAt === undefined
    ? first
    : Math.max(first, input.lastCheckAt + UPDATE_CHECK_INTERVAL_MS);
}

/**
 * What a check the reader asked for (Check now, the menu) answers instead of starting one, or
 * undefined when it may start. 'off' means no network at all, asked for or not; a running
 * check or download is joined, not repeated; a ready update is simply shown again.
 */
export function manualCheckAnswer(
  preferences: DesktopPreferences | undefined,
  unsupported: string | undefined,
  status: UpdateStatus,
): UpdateStatus | undefined {
  if (unsupported !== undefined) return { state: 'unsupported', reason: unsupported };
  if (preferences?.updates !== 'auto') return { state: 'off' };
  if (updateBusy(status) || status.state === 'ready') return status;
  return undefined;
}

/** What electron-updater told us, reduced to what the status needs. */
export type UpdaterEvent =
  | { type: 'checking' }
  | { type: 'none' }
  | { type: 'available'; version: string }
  | { type: 'progress'; percent: number }
  | { type: 'downloaded'; version: string }
  | { type: 'error'; message: string };

export interface EventContext {
  /** The reader asked for this check; its outcome is shown, an automatic one's stays quiet. */
  manual: boolean;
  now: number;
  /** When a check last found out whether there is a new version. */
  lastCheckedAt?: number;
}

/**
 * The status after one updater event. An automatic check that finds nothing or fails says
 * nothing new: the status goes back to idle (keeping when it last knew), so a laptop offline all
 * week never greets its reader with errors. A checked-for update that is ready stays ready.
 */
export function statusAfter(
  status: UpdateStatus,
  event: UpdaterEvent,
  context: EventContext,
): UpdateStatus {
  if (status.state === 'ready' && event.type !== 'downloaded') return status;
  const { manual } = context;
  switch (event.type) {
    case 'checking':
      return { state: 'checking', manual };
    case 'none':
      return { state: 'none', checkedAt: context.now, manual };
    case 'available':
      return { state: 'available', version: event.version, manual };
    case 'progress':
      return {
        state: 'downloading',
        version: 'version' in status ? status.version : '',
        percent: Math.min(100, Math.max(0, Math.round(event.percent))),
      };
    case 'downloaded':
      return { state: 'ready', version: event.version };
    case 'error':
      return manual
        ? { state: 'error', message: readableUpdateError(event.message), manual }
        : quietIdle(context.lastCheckedAt);
  }
}

function quietIdle(checkedAt: number | undefined): UpdateStatus {
  return checkedAt === undefined ? { state: 'idle' } : { state: 'idle', checkedAt };
}

/** The first line of what went wrong, capped: enough to tell "offline" from "no such release". */
export function readableUpdateError(message: string): string {
  const first = message.split('\n', 1)[0]?.trim() || 'The update server did not answer.';
  return first.length > MAX_UPDATE_ERROR_CHARS
    ? `${first.slice(0, MAX_UPDATE_ERROR_CHARS - 1)}…`
    : first;
}

export interface Announcement {
  kind: 'info' | 'error';
  message: string;
  detail: string;
  /** The update is downloaded: offer to restart now. */
  offerRestart?: boolean;
}

/**
 * What the menu's "Check for updates…" tells the reader once its check has settled (a dialog:
 * the window may not even be showing Settings). Undefined while it has not settled.
 */
export function announcement(
  status: UpdateStatus,
  currentVersion: string,
  say: DesktopSay,
): Announcement | undefined {
  switch (status.state) {
    case 'none':
      return {
        kind: 'info',
        message: say('main.desktop.update.upToDate'),
        detail: say('main.desktop.update.upToDateDetail', { version: currentVersion }),
      };
    case 'available':
    case 'downloading':
      return {
        kind: 'info',
        message: say('main.desktop.update.available', { version: status.version }),
        detail: say('main.desktop.update.availableDetail'),
      };
    case 'ready':
      return {
        kind: 'info',
        message: say('main.desktop.update.ready', { version: status.version }),
        detail: say('main.desktop.update.readyDetail'),
        offerRestart: true,
      };
    case 'error':
      return {
        kind: 'error',
        message: say('main.desktop.update.failed'),
        detail: status.message,
      };
    case 'off':
      return {
        kind: 'info',
        message: say('main.desktop.update.off'),
        detail: say('main.desktop.update.offDetail'),
      };
    case 'unsupported':
      return {
        kind: 'info',
        message: say('main.desktop.update.unsupported'),
        detail: status.reason,
      };
    case 'idle':
    case 'checking':
      return undefined;
  }
}
