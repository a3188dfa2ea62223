import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  IPC_EVENT,
  IPC_INVOKE,
  isEventName,
  isMethodName,
  type EventName,
} from '../shared/api-names';
import type { BroadsheetApi, Events } from '../shared/contract';

// The page gets this one object and nothing else: no ipcRenderer, no channel names, no Node.
const api: BroadsheetApi = {
  invoke(method, params) {
    if (!isMethodName(method)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'unknown-method', message: `Unknown method: ${String(method)}` },
      });
    }
    return ipcRenderer.invoke(IPC_INVOKE, method, params);
  },
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void) {
    if (!isEventName(event)) return () => undefined;
    const handler = (_e: IpcRendererEvent, name: unknown, payload: unknown): void => {
      if (name === event) listener(payload as Events[E]);
    };
    ipcRenderer.on(IPC_EVENT, handler);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, handler);
    };
  },
};

contextBridge.exposeInMainWorld('broadsheet', api);
