import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '../../shared/api-names';
import type { EventName, Events } from '../../shared/contract';
import { fail } from '../../shared/result';
import type { Dispatch } from '../api/dispatch';
import { isAppUrl } from './external-links';

/** Calls are answered only for our own window showing our own page, never for other frames. */
export function registerIpc(
  dispatch: Dispatch,
  getWindow: () => BrowserWindow | undefined,
  appUrl: string,
): void {
  ipcMain.handle(IPC_INVOKE, (event: IpcMainInvokeEvent, method: unknown, params: unknown) => {
    const window = getWindow();
    const frameUrl = event.senderFrame?.url ?? '';
    if (!window || event.sender !== window.webContents || !isAppUrl(frameUrl, appUrl)) {
      return fail('forbidden', 'This caller may not use Broadsheet’s API.');
    }
    return dispatch(method, params);
  });
}

export function sendEvent<E extends EventName>(
  window: BrowserWindow | undefined,
  name: E,
  payload: Events[E],
): void {
  if (window && !window.isDestroyed()) window.webContents.send(IPC_EVENT, name, payload);
}
