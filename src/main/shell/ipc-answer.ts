import { fail, type Result } from '../../shared/result';
import type { Dispatch } from '../api/dispatch';
import { isAppUrl } from './external-links';

/** The parts of Electron's invoke event the check reads; typed loosely so it is testable. */
export interface InvokeEvent {
  sender: unknown;
  /** Electron throws reading this once the frame is gone (navigated or closed mid-call). */
  readonly senderFrame?: { url: string } | null;
}

/**
 * The answer to one IPC invoke. Only our own window showing our own page is served, and the
 * promise always resolves to a Result: a rejected invoke would reach the renderer as an
 * exception with Electron's wording, outside the contract.
 */
export function createInvokeAnswer(
  dispatch: Dispatch,
  getWindow: () => { webContents: unknown } | undefined,
  appUrl: string,
  logError: (error: unknown) => void = console.error,
): (event: InvokeEvent, method: unknown, params: unknown) => Promise<Result<unknown>> {
  return async (event, method, params) => {
    try {
      const window = getWindow();
      const frameUrl = event.senderFrame?.url ?? '';
      if (!window || event.sender !== window.webContents || !isAppUrl(frameUrl, appUrl)) {
        return fail('forbidden', 'main.api.callerRefused');
      }
      return await dispatch(method, params);
    } catch (error) {
      logError(error);
      return fail('internal', 'main.api.internal');
    }
  };
}
