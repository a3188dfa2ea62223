import { ipcMain, type BrowserWindow } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '../../shared/api-names';
import type { EventName, Events } from '../../shared/contract';
import type { Dispatch } from '../api/dispatch';
import { createInvokeAnswer } from './ipc-answer';

/** Calls are answered only for our own window showing our own page, never for other frames. */
export function registerIpc(
  dispatch: Dispatch,
  getWindow: () => BrowserWindow | undefined,
  appUrl: string,
): void {
  ipcMain.handle(IPC_INVOKE, createInvokeAnswer(dispatch, getWindow, appUrl));
}

export function sendEvent<E extends EventName>(
  window: BrowserWindow | undefined,
  name: E,
  payload: Events[E],
): void {
  if (window && !window.isDestroyed()) window.webContents.send(IPC_EVENT, name, payload);
}
