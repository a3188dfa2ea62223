import { errorCode } from './error-code';

/** A connection broken before any answer came: the request may simply be sent again. */
const CUT_OFF = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/**
 * A GET through `fetch`, sent again once on a fresh connection when the first broke before any
 * answer: a kept-alive connection the server closed while idle fails exactly so, and browsers
 * resend idempotent requests then. Only for GETs (a POST may have been acted on).
 */
export async function fetchGet(
  fetch: typeof globalThis.fetch,
  url: string,
  init: RequestInit & { method?: 'GET' },
): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (init.signal?.aborted || !CUT_OFF.has(errorCode(error) ?? '')) throw error;
    return fetch(url, init);
  }
}
