import type { BroadsheetApi } from '@shared/contract';
import { createHttpTransport, takeHostToken } from './http-transport';

declare global {
  interface Window {
    /** Present in the Electron app, exposed by the preload script. */
    broadsheet?: BroadsheetApi;
  }
}

let api: BroadsheetApi | undefined;

/** One interface, two transports: the preload's IPC bridge in Electron, HTTP in a browser. */
export function getApi(): BroadsheetApi {
  api ??=
    window.broadsheet ??
    createHttpTransport(
      window.location.origin,
      takeHostToken(window.location, window.sessionStorage, window.history),
    );
  return api;
}
