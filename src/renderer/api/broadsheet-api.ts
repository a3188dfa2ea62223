import type { BroadsheetApi, MethodName, MethodParams, MethodResult } from '@shared/contract';
import type { ApiError } from '@shared/result';
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

export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
  }
}

/** For callers that prefer exceptions: the failed Result's message becomes the error message. */
export async function call<K extends MethodName>(
  method: K,
  params: MethodParams<K>,
): Promise<MethodResult<K>> {
  const result = await getApi().invoke(method, params);
  if (!result.ok) throw new ApiCallError(result.error);
  return result.value;
}
